package org.workdistlab.lab.harness;

/**
 * The measurement pitfalls an {@link Experiment} guards against, each named after the JMH sample that
 * teaches it ({@code openjdk/jmh}, {@code jmh-samples}). Every result lists the guards that were applied,
 * so a reader can see how the numbers were taken.
 */
public enum Guard {
    /** Threads and workload state exist before the clock starts: thread start-up is not measured. */
    SETUP_OUTSIDE_TIMING("JMHSample_05_StateFixtures, _38_PerInvokeSetup",
            "threads and workload state are created before timing; setup and teardown are never timed"),
    /** The first rounds run interpreted or half-compiled code; they are run and thrown away. */
    WARMUP_DISCARDED("JMHSample_20_Annotations (@Warmup), _32_BulkWarmup",
            "warm-up rounds run every thread count first and are discarded"),
    /** Trials run in a seeded random order, so drift (heating, turbo, GC, neighbours) does not favour one count. */
    SHUFFLED_ORDER("JMHSample_13_RunToRun",
            "trials of all thread counts run in a shuffled order; the seed is printed and reproduces it"),
    /** Work is counted only while every worker is inside its loop, never during start-up or wind-down. */
    SYNCHRONIZED_START("JMHSample_17_SyncIterations",
            "all workers start at a barrier; ops count only in a window opened after every worker ran once, "
                    + "kept open until every worker began a counted op, and closed before any worker stops"),
    /** Results feed a sink, so the JIT cannot prove the work useless and remove it. */
    DEAD_CODE_SINK("JMHSample_08_DeadCode, _09_Blackholes",
            "every result is folded into a per-worker sink that is published after the loop"),
    /** Per-worker counters live on separate cache lines and are written once, after the loop. */
    NO_FALSE_SHARING("JMHSample_22_FalseSharing",
            "ops are counted in thread-local variables and written to padded slots after the window"),
    /** A stop request ends the run between trials and wakes blocked workers; all workers are joined. */
    INTERRUPTIBLE("JMHSample_30_Interrupts",
            "the run checks interruption between trials, interrupts workers, and joins them all in finally");

    private final String jmhSample;
    private final String rule;

    Guard(String jmhSample, String rule) {
        this.jmhSample = jmhSample;
        this.rule = rule;
    }

    /** The JMH sample(s) that explain the pitfall. */
    public String jmhSample() {
        return jmhSample;
    }

    /** What the harness does about it, in one line. */
    public String rule() {
        return rule;
    }
}
