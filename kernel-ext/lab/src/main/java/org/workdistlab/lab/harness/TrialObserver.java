package org.workdistlab.lab.harness;

/**
 * Test hook: told, on the controlling thread, just before the measurement window opens and just after it
 * closes. Lets instrumented workloads check that counting started only once every worker was running.
 */
interface TrialObserver {

    TrialObserver NONE = new TrialObserver() {
    };

    /** Every worker has completed one operation; the window opens right after this returns. */
    default void windowOpening(int threads) {
    }

    /** The stop signal has been given; workers finish their current operation and leave. */
    default void windowClosed(int threads) {
    }
}
