package org.workdistlab.lab.harness;

/**
 * One unit of work that an {@link Experiment} repeats on many threads and counts.
 *
 * <p>Life cycle, for every trial (warm-ups included), all outside the timed window:
 * {@link #setup(int)} on the caller's thread, then {@code threads} workers call {@link #runOnce(int)} in a
 * loop, then {@link #onStop()} once when the window closes, then {@link #teardown()} after every worker has
 * left its loop. The harness sinks every value {@link #runOnce} returns, so a workload never has to defend
 * itself against dead-code elimination; it should read its inputs from fields (not constants) so the JIT
 * cannot fold them (JMHSample_10_ConstantFold).
 *
 * <pre>{@code
 * Workload spin = new Workload() {
 *     long seed = 42;
 *     public long runOnce(int worker) { return Long.rotateLeft(seed * worker, 7); }
 *     public Kind kind() { return Kind.CPU_BOUND; }
 * };
 * }</pre>
 *
 * Implementations must be safe for concurrent {@code runOnce} calls with distinct worker indexes, and should
 * share state between workers only where sharing is the point of the experiment.
 */
public interface Workload {

    /** What limits a workload: the CPU, or waiting. Notebooks pick BLOCKING workloads on a 1-CPU machine. */
    enum Kind {
        /** Keeps a core busy for the whole operation; speedup is capped by the number of cores. */
        CPU_BOUND,
        /** Mostly waits (a simulated remote call); threads overlap their waits even on one core. */
        BLOCKING
    }

    /** Prepares state for a trial with {@code threads} workers (indexes 0..threads-1); not timed. */
    default void setup(int threads) throws Exception {
    }

    /**
     * Performs one operation for worker {@code worker} and returns a value derived from the work done; the
     * harness sinks it. Blocking workloads should wait interruptibly and throw {@link InterruptedException}.
     */
    long runOnce(int worker) throws Exception;

    /**
     * Called once, from the controlling thread, right after the measurement window closes and before the
     * workers are joined. Workloads whose operations wait for one another (exchanges, barriers) must release
     * waiting workers here, otherwise a worker that stopped first would leave the others waiting forever.
     */
    default void onStop() {
    }

    /** Releases what {@link #setup} made; called after every worker of the trial has stopped. */
    default void teardown() throws Exception {
    }

    /** Whether this workload is limited by the CPU or by waiting. */
    Kind kind();

    /** A short description for tables and charts, e.g. {@code "cpu 20000 units/op, 10% serial (runs alone)"}. */
    default String describe() {
        var name = getClass().getSimpleName();
        return name.isEmpty() ? "workload" : name;
    }
}
