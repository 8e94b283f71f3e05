package org.workdistlab.grader.cli;

import org.workdistlab.grader.GradeReport;

/** The grader's exit status: what a script or CI step can branch on. */
public final class ExitCodes {

    /** Every check earned full points (or {@code --list} / {@code --help} succeeded). */
    public static final int PASSED = 0;
    /** Graded; some checks lost points. */
    public static final int FAILED = 1;
    /** Could not grade: compile error, static-check rejection, unreadable input, fork crash before any check. */
    public static final int NOT_GRADED = 2;
    /** Wrong flags or arguments: nothing was graded. */
    public static final int USAGE = 3;
    /** A bug in the grader itself. */
    public static final int INTERNAL_ERROR = 4;

    private ExitCodes() {
    }

    public static int of(GradeReport.Status status) {
        return switch (status) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case ERROR -> NOT_GRADED;
        };
    }
}
