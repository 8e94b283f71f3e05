package org.workdistlab.grader;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The outcome of grading one submission for one exercise.
 *
 * @param exerciseId  the exercise graded
 * @param title       its human title
 * @param status      overall status (see {@link Status})
 * @param score       points earned
 * @param maxScore    points available
 * @param checks      one result per check, in the suite's order
 * @param problems    one-line messages: compile errors as {@code file:line: message}, static-check rejections,
 *                    limits that were hit, fork crashes
 * @param elapsed     wall time of the whole grading (compile, checks, forks)
 * @param environment facts the numbers depend on: {@code cores}, {@code java.version}, {@code heap}
 */
public record GradeReport(String exerciseId, String title, Status status, int score, int maxScore,
                          List<CheckResult> checks, List<String> problems, Duration elapsed,
                          Map<String, Object> environment) {

    public GradeReport {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
        environment = Map.copyOf(environment);
    }

    /** Overall status, which maps one to one onto the CLI's exit codes. */
    public enum Status {
        /** Every check earned full points. */
        PASSED,
        /** The submission was graded and lost points. */
        FAILED,
        /** Could not grade: compile error, static-check rejection, or the fork crashed before any check ran. */
        ERROR
    }

    /** The result of check {@code id}. */
    public CheckResult check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no check '" + id + "' in " + exerciseId + "; checks: "
                        + checks.stream().map(CheckResult::id).toList()));
    }
}
