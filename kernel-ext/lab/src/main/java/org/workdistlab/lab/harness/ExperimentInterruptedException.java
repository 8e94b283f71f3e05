package org.workdistlab.lab.harness;

/**
 * An experiment was stopped (the notebook's stop button, or {@code Thread.interrupt()}). By the time this is
 * thrown every worker thread has been joined; the caller's interrupt flag is set again.
 */
public final class ExperimentInterruptedException extends RuntimeException {

    public ExperimentInterruptedException(String message) {
        super(message);
    }
}
