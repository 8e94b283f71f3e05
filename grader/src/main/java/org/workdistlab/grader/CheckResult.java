package org.workdistlab.grader;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The result of one graded check.
 *
 * @param id          the check's stable id ({@code @Check.id})
 * @param displayName the test method's display name
 * @param points      points earned (0 unless the check passed; less than {@code maxPoints} for partial credit)
 * @param maxPoints   points the check is worth
 * @param outcome     what happened
 * @param message     one line: observed versus expected, or why the check did not run
 * @param hint        what to look at when points were lost
 * @param section     the notebook section that teaches it
 * @param duration    how long it ran (zero if it did not run)
 * @param diagnostics for timeouts: where the threads were (at most a screenful)
 * @param measurements counts and ratios reported by the check (e.g. items/s, ratio to the reference)
 */
public record CheckResult(String id, String displayName, int points, int maxPoints, Outcome outcome,
                          String message, String hint, String section, Duration duration,
                          Optional<String> diagnostics, Map<String, Object> measurements) {

    public CheckResult {
        measurements = Map.copyOf(measurements);
        message = message == null ? "" : message;
    }

    /** How a check ended. */
    public enum Outcome {
        /** The check's test passed (its points may still be partial, see {@link CheckResult#points()}). */
        PASSED,
        /** An assertion failed: the behaviour differs from the contract. */
        FAILED,
        /** The check overran its time limit; {@link CheckResult#diagnostics()} shows where threads were. */
        TIMED_OUT,
        /** The check threw, or the forked JVM died while it ran (System.exit, out of memory, crash). */
        ERROR,
        /** The check did not run (total time limit, could not grade, not selected upstream). */
        NOT_RUN
    }

    /** True when all points were earned. */
    public boolean fullMarks() {
        return points == maxPoints;
    }
}
