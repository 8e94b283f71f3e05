package org.workdistlab.grader.suites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.Grader;
import org.workdistlab.grader.SubmissionSource;

/**
 * Grades many implementations of one contract through the real grading path ({@link Grader}: a forked, limited
 * JVM per submission, events back to the parent, gating applied), a few forks at a time so the catalogue stays
 * within a few minutes. Shared by the batcher and hash ring catalogue tests.
 */
public final class CatalogueGrading {

    /** Forks at once: they mostly wait (for deliveries a broken implementation never makes), not compute. */
    static final int PARALLEL_FORKS = 3;

    private CatalogueGrading() {
    }

    /** Grades each implementation of {@code contract} for {@code exercise}; results in the order given. */
    public static Map<Class<?>, GradeReport> gradeAll(String exercise, Class<?> contract, List<Class<?>> impls) {
        var grader = Grader.builder().heap("256m").totalTimeLimit(Duration.ofMinutes(4)).build();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_FORKS);
        try {
            var futures = new LinkedHashMap<Class<?>, Future<GradeReport>>();
            for (Class<?> impl : impls) {
                futures.put(impl, pool.submit(() -> grader.grade(exercise,
                        SubmissionSource.ImplementationClass.of(contract, impl))));
            }
            var reports = new LinkedHashMap<Class<?>, GradeReport>();
            for (var e : futures.entrySet()) {
                reports.put(e.getKey(), e.getValue().get());
            }
            return reports;
        } catch (Exception e) {
            throw new IllegalStateException("grading the catalogue failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Grades one implementation {@code runs} times (a few forks at a time): the quick version of the flake hunt
     * that {@link ReferenceRepeat} runs 20 times under load.
     */
    public static List<GradeReport> gradeRepeatedly(String exercise, Class<?> contract, Class<?> impl, int runs) {
        var grader = Grader.builder().heap("256m").totalTimeLimit(Duration.ofMinutes(4)).build();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_FORKS);
        try {
            var futures = new ArrayList<Future<GradeReport>>();
            for (int i = 0; i < runs; i++) {
                futures.add(pool.submit(() -> grader.grade(exercise,
                        SubmissionSource.ImplementationClass.of(contract, impl))));
            }
            var reports = new ArrayList<GradeReport>();
            for (var f : futures) {
                reports.add(f.get());
            }
            return reports;
        } catch (Exception e) {
            throw new IllegalStateException("grading " + impl.getSimpleName() + " repeatedly failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs of the reference in {@code ./lab test} (the system property {@code wdl.grader.referenceRuns}). */
    public static int referenceRuns() {
        return Integer.getInteger("wdl.grader.referenceRuns", 3);
    }

    /** Ids of the checks that did not earn full points. */
    public static Set<String> lost(GradeReport report) {
        return report.checks().stream().filter(c -> !c.fullMarks()).map(CheckResult::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** One line per check: id, points, outcome and message, for assertion messages and the build log. */
    public static String describe(GradeReport report) {
        var lines = new ArrayList<String>();
        lines.add(report.exerciseId() + " " + report.score() + "/" + report.maxScore() + " " + report.status()
                + " in " + report.elapsed().toMillis() + " ms" + (report.problems().isEmpty() ? ""
                : " problems: " + report.problems()));
        for (CheckResult c : report.checks()) {
            String msg = c.message().length() > 300 ? c.message().substring(0, 300) + "..." : c.message();
            lines.add(String.format("  %-20s %2d/%2d %-9s %s", c.id(), c.points(), c.maxPoints(), c.outcome(), msg));
        }
        return String.join("\n", lines);
    }
}
