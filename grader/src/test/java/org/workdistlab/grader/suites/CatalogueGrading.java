package org.workdistlab.grader.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
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
    public static final int PARALLEL_FORKS = 3;

    private CatalogueGrading() {
    }

    /** Grades each implementation of {@code contract} for {@code exercise}; results in the order given. */
    public static Map<Class<?>, GradeReport> gradeAll(String exercise, Class<?> contract, List<Class<?>> impls) {
        return gradeAll(exercise, contract, impls, PARALLEL_FORKS);
    }

    /**
     * As {@link #gradeAll(String, Class, List)} with {@code forks} forks at once: 1 for suites with a multi-threaded
     * speed check, whose ratio to the reference the other forks' load would blur.
     */
    public static Map<Class<?>, GradeReport> gradeAll(String exercise, Class<?> contract, List<Class<?>> impls,
            int forks) {
        var graded = gradeEach(exercise, contract, impls, forks, "the catalogue");
        var reports = new LinkedHashMap<Class<?>, GradeReport>();
        for (int i = 0; i < impls.size(); i++) {
            reports.put(impls.get(i), graded.get(i));
        }
        return reports;
    }

    /**
     * Grades one implementation {@code runs} times (a few forks at a time): the quick version of the flake hunt
     * that {@link ReferenceRepeat} runs 20 times under load.
     */
    public static List<GradeReport> gradeRepeatedly(String exercise, Class<?> contract, Class<?> impl, int runs,
            int forks) {
        return gradeEach(exercise, contract, Collections.nCopies(runs, impl), forks,
                impl.getSimpleName() + " repeatedly");
    }

    /** Grades each of {@code impls} through the forked grader, {@code forks} at a time; reports in the order given. */
    private static List<GradeReport> gradeEach(String exercise, Class<?> contract, List<Class<?>> impls, int forks,
            String what) {
        var grader = Grader.builder().heap("256m").totalTimeLimit(Duration.ofMinutes(4)).build();
        ExecutorService pool = Executors.newFixedThreadPool(forks);
        try {
            var futures = new ArrayList<Future<GradeReport>>();
            for (Class<?> impl : impls) {
                futures.add(pool.submit(() -> grader.grade(exercise,
                        SubmissionSource.ImplementationClass.of(contract, impl))));
            }
            var reports = new ArrayList<GradeReport>();
            for (var f : futures) {
                reports.add(f.get());
            }
            return reports;
        } catch (Exception e) {
            throw new IllegalStateException("grading " + what + " failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The catalogue's common verdicts, as dynamic tests: each correct implementation gets {@code maxScore}. */
    public static Stream<DynamicTest> fullMarks(Map<Class<?>, GradeReport> reports, List<Class<?>> correct,
            int maxScore) {
        return correct.stream().map(impl -> DynamicTest.dynamicTest(impl.getSimpleName(), () -> {
            var r = reports.get(impl);
            assertThat(r.score()).as(describe(r)).isEqualTo(r.maxScore());
            assertThat(r.maxScore()).isEqualTo(maxScore);
        }));
    }

    /** The reference graded {@link #referenceRuns()} times, {@code forks} at once: full marks every time. */
    public static Stream<DynamicTest> fullMarksRunAfterRun(String exercise, Class<?> contract, Class<?> reference,
            int forks) {
        var runs = gradeRepeatedly(exercise, contract, reference, referenceRuns(), forks);
        return runs.stream().map(r -> DynamicTest.dynamicTest("run " + (runs.indexOf(r) + 1), () ->
                assertThat(r.score()).as(describe(r)).isEqualTo(r.maxScore())));
    }

    /** The starter scores 0, and every check ran and failed (none timed out): it fails cleanly. */
    public static Stream<DynamicTest> scoresZeroCleanly(Map<Class<?>, GradeReport> reports, Class<?> starter) {
        return Stream.of(DynamicTest.dynamicTest(starter.getSimpleName(), () -> {
            var r = reports.get(starter);
            assertThat(r.score()).as(describe(r)).isZero();
            assertThat(r.checks()).as("every check ran and failed, none timed out")
                    .allSatisfy(c -> assertThat(c.outcome().name()).isIn("FAILED", "ERROR"));
        }));
    }

    /** Each broken implementation loses exactly {@code expectedLost} of it: the checks aimed at its bug. */
    public static Stream<DynamicTest> losesExactly(Map<Class<?>, GradeReport> reports, Set<Class<?>> broken,
            Function<Class<?>, Set<String>> expectedLost) {
        return loses(reports, broken, expectedLost, impl -> Set.of());
    }

    /**
     * Each broken implementation loses every check of {@code mustLose} and nothing outside {@code mustLose} and
     * {@code mayLose} (checks its bug affects only sometimes, such as speed that a spinning thread slows).
     */
    public static Stream<DynamicTest> loses(Map<Class<?>, GradeReport> reports, Set<Class<?>> broken,
            Function<Class<?>, Set<String>> mustLose, Function<Class<?>, Set<String>> mayLose) {
        return broken.stream().map(impl -> DynamicTest.dynamicTest(impl.getSimpleName(), () -> {
            var r = reports.get(impl);
            var lost = lost(r);
            assertThat(lost).as("must lose: " + describe(r)).containsAll(mustLose.apply(impl));
            var allowed = new TreeSet<>(mustLose.apply(impl));
            allowed.addAll(mayLose.apply(impl));
            assertThat(allowed).as("must keep every other check: " + describe(r)).containsAll(lost);
        }));
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
