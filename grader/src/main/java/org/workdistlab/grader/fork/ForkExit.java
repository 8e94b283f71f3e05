package org.workdistlab.grader.fork;

/** Exit codes of the forked JVM, and what the parent concludes from each. */
public final class ForkExit {

    /** Every selected check was reported. */
    public static final int OK = 0;
    /** The JVM's own code for {@code -XX:+ExitOnOutOfMemoryError}: the heap limit was hit. */
    public static final int OUT_OF_MEMORY = 3;
    /** The fork's arguments or token were missing: a grader bug. */
    public static final int BAD_ARGUMENTS = 64;
    /** A check overran its limit; the watchdog reported it and halted the fork (the parent re-forks). */
    public static final int CHECK_TIMED_OUT = 70;
    /** The grader's own code failed inside the fork. */
    public static final int INTERNAL_ERROR = 71;

    private ForkExit() {
    }

    /** A learner-facing phrase for an exit code the parent did not expect. */
    public static String describe(int code) {
        return switch (code) {
            case OK -> "exit code 0 (System.exit(0) or a normal end)";
            case OUT_OF_MEMORY -> "out of memory (the heap limit was hit)";
            case CHECK_TIMED_OUT -> "the check timed out";
            case BAD_ARGUMENTS, INTERNAL_ERROR -> "a grader error (exit code " + code + ")";
            default -> code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
        };
    }
}
