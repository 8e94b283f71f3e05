package org.workdistlab.grader.suites.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.workdistlab.exercises.reference.workqueue.ReferenceWorkQueue;
import org.workdistlab.exercises.workqueue.MyWorkQueue;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.Grader;
import org.workdistlab.grader.SubmissionSource;
import org.workdistlab.grader.engine.Catalogue;
import org.workdistlab.grader.suites.workqueue.BrokenWorkQueues.Delegating;

/**
 * Is the work queue grader right? Through the real forked grading path ({@link Grader}, one forked JVM per
 * submission): the reference and three differently written correct implementations pass every check, the
 * starter scores 0, and each broken implementation loses the checks aimed at its bug and keeps all the others.
 *
 * <p>To stay within a few minutes, broken implementations are graded without the two expensive checks their bug
 * cannot touch: the Lincheck model check when they use the reference's deque unchanged (its result is the
 * reference's, graded in full below), and the throughput comparison unless it is aimed at (a timing is never
 * asserted for a broken implementation).
 */
class WorkQueueCatalogueTest {

    /** A broken implementation, the checks it must lose, and checks its bug may also reach (nondeterministically). */
    record Broken(Class<? extends WorkQueueFactory> impl, Set<String> loses, Set<String> mayLose) {
    }

    static final List<Broken> BROKEN = List.of(
            // part 1: deques
            new Broken(BrokenWorkQueues.WrongEndDeque.class,
                    Set.of("deque-ends", "deque-linearizable", "deque-stress"), Set.of()),
            new Broken(BrokenWorkQueues.UnsynchronisedDeque.class, Set.of("deque-linearizable"),
                    Set.of("deque-stress")), // a race, not certain to show in one stress run
            new Broken(BrokenWorkQueues.ChaseLevPopWithoutCas.class, Set.of("deque-linearizable"),
                    Set.of("deque-stress")),
            new Broken(BrokenWorkQueues.ChaseLevStealGivesUp.class, Set.of("deque-linearizable"),
                    Set.of("deque-stress")),
            // part 2: aging
            new Broken(BrokenWorkQueues.NoAging.class, Set.of("no-starvation"), Set.of()),
            // part 3: retry policy
            new Broken(BrokenWorkQueues.NoJitter.class, Set.of("backoff-full-jitter"), Set.of()),
            new Broken(BrokenWorkQueues.Uncapped.class, Set.of("backoff-exponential-capped"), Set.of()),
            new Broken(BrokenWorkQueues.SymmetricJitter.class,
                    Set.of("backoff-exponential-capped", "backoff-full-jitter"), Set.of()),
            new Broken(BrokenWorkQueues.InfiniteRetries.class, Set.of("retry-limit"), Set.of()),
            // part 4: pools
            new Broken(BrokenWorkQueues.PoolStealsNewest.class, Set.of("stealing"), Set.of()),
            new Broken(BrokenWorkQueues.PoolNeverSteals.class, Set.of("stealing", "load-balance"), Set.of()),
            new Broken(BrokenWorkQueues.ThunderingHerd.class, Set.of("no-thundering-herd"), Set.of()),
            new Broken(BrokenWorkQueues.LosesFailedTasks.class, Set.of("retry-backoff", "dead-letter"), Set.of()),
            new Broken(BrokenWorkQueues.IgnoresGiveUp.class, Set.of("dead-letter"), Set.of()),
            new Broken(BrokenWorkQueues.NoDeadLetter.class, Set.of("dead-letter"), Set.of()),
            new Broken(BrokenWorkQueues.ErrorKillsWorker.class, Set.of("dead-letter"), Set.of()),
            new Broken(BrokenWorkQueues.RetriesWithoutBackoff.class, Set.of("retry-backoff"), Set.of()),
            // Running a task twice shows wherever runs are counted: the per-worker balance and the throughput
            // run's checksum (also gated on exactly-once); the stealing order too when both thieves are handed
            // task 0, which depends on which worker is idle at the spawn.
            new Broken(BrokenWorkQueues.RunsTwice.class,
                    Set.of("every-task-once", "load-balance", "throughput"), Set.of("stealing")),
            new Broken(BrokenWorkQueues.ShutdownDropsQueue.class, Set.of("graceful-shutdown"), Set.of()),
            new Broken(BrokenWorkQueues.ShutdownNowReturnsNothing.class, Set.of("shutdown-now"), Set.of()),
            new Broken(BrokenWorkQueues.PoolIgnoresPriority.class, Set.of("pool-priority-aging"), Set.of()));

    static final List<Class<? extends WorkQueueFactory>> CORRECT = List.of(ReferenceWorkQueue.class,
            LockingWorkQueue.class, SemaphoreWorkQueue.class, BrokenWorkQueues.TogglePoolWithoutBugs.class);

    static final String LINCHECK = "deque-linearizable";
    static final String THROUGHPUT = "throughput";

    /** Forks at once: Lincheck and the throughput check compute, so no more than the 2 cores. */
    static final int PARALLEL_FORKS = 2;

    static List<String> allChecks;
    static Map<Class<?>, GradeReport> reports;

    @BeforeAll
    static void gradeEverything() throws Exception {
        allChecks = Catalogue.describe(WorkQueueSuite.class).checks().stream()
                .map(org.workdistlab.grader.ExerciseInfo.CheckInfo::id).toList();
        var jobs = new LinkedHashMap<Class<?>, List<String>>();
        CORRECT.forEach(c -> jobs.put(c, allChecks));
        jobs.put(MyWorkQueue.class, allChecks);
        for (Broken b : BROKEN) {
            jobs.put(b.impl(), selectedFor(b));
        }
        var pool = Executors.newFixedThreadPool(PARALLEL_FORKS);
        try {
            var futures = new LinkedHashMap<Class<?>, Future<GradeReport>>();
            jobs.forEach((impl, checks) -> futures.put(impl, pool.submit(() -> Grader.builder()
                    .heap("256m").totalTimeLimit(Duration.ofMinutes(4)).checks(checks).build()
                    .grade("workqueue", SubmissionSource.ImplementationClass.of(WorkQueueFactory.class, impl)))));
            reports = new LinkedHashMap<>();
            for (var e : futures.entrySet()) {
                reports.put(e.getKey(), e.getValue().get());
            }
        } finally {
            pool.shutdownNow();
        }
        reports.forEach((impl, r) -> System.out.println(impl.getSimpleName() + ": " + describe(r)));
    }

    static List<String> selectedFor(Broken b) {
        boolean ownDeque;
        try {
            ownDeque = b.impl().getMethod("createDeque").getDeclaringClass() != Delegating.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        var checks = new ArrayList<String>();
        for (String id : allChecks) {
            boolean aimed = b.loses().contains(id) || b.mayLose().contains(id);
            if (id.equals(LINCHECK) && !ownDeque && !aimed) {
                continue;
            }
            if (id.equals(THROUGHPUT) && !aimed) {
                continue;
            }
            checks.add(id);
        }
        return checks;
    }

    @Test
    void everyCheckHasPointsAHintAndASection() {
        var info = Catalogue.describe(WorkQueueSuite.class);
        assertThat(info.id()).isEqualTo("workqueue");
        assertThat(info.checks()).hasSize(18).allSatisfy(c -> {
            assertThat(c.points()).isPositive();
            assertThat(c.hint()).hasSizeGreaterThan(40);
            assertThat(c.section()).startsWith(WorkQueueSuite.NB + "#");
        });
        assertThat(BROKEN).hasSizeGreaterThanOrEqualTo(10);
    }

    @TestFactory
    Stream<DynamicTest> correctImplementationsPassEveryCheck() {
        return CORRECT.stream().map(impl -> DynamicTest.dynamicTest(impl.getSimpleName(), () -> {
            var r = reports.get(impl);
            assertThat(r.checks()).as(describe(r)).hasSize(allChecks.size())
                    .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.PASSED));
            // Correctness is all or nothing; speed is graded in bands against the reference, so a slower correct
            // design may earn partial throughput points. The reference graded against itself earns them all.
            assertThat(r.checks()).as(describe(r)).filteredOn(c -> !c.id().equals(THROUGHPUT))
                    .allSatisfy(c -> assertThat(c.fullMarks()).isTrue());
            if (impl == ReferenceWorkQueue.class) {
                assertThat(r.score()).as(describe(r)).isEqualTo(r.maxScore());
            }
        }));
    }

    @Test
    void starterScoresZeroAndEveryCheckFailsCleanly() {
        var r = reports.get(MyWorkQueue.class);
        assertThat(r.score()).as(describe(r)).isZero();
        assertThat(r.checks()).as(describe(r)).hasSize(allChecks.size())
                .allSatisfy(c -> assertThat(c.outcome()).isIn(CheckResult.Outcome.FAILED, CheckResult.Outcome.ERROR))
                .allSatisfy(c -> assertThat(c.message()).contains("TODO"));
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenImplementationLosesItsChecksAndKeepsTheOthers() {
        return BROKEN.stream().map(b -> DynamicTest.dynamicTest(b.impl().getSimpleName(), () -> {
            var r = reports.get(b.impl());
            Set<String> lost = new TreeSet<>();
            for (CheckResult c : r.checks()) {
                if (!c.fullMarks()) {
                    lost.add(c.id());
                }
            }
            assertThat(r.checks()).as(describe(r)).hasSize(selectedFor(b).size());
            assertThat(lost).as("must lose: " + describe(r)).containsAll(b.loses());
            var allowed = new HashSet<>(b.loses());
            allowed.addAll(b.mayLose());
            assertThat(allowed).as("must keep every other check: " + describe(r)).containsAll(lost);
            for (CheckResult c : r.checks()) {
                if (b.loses().contains(c.id())) {
                    assertThat(c.outcome()).as("%s fails with a message, not a time-out: %s", c.id(), describe(r))
                            .isIn(CheckResult.Outcome.FAILED, CheckResult.Outcome.ERROR);
                }
            }
        }));
    }

    static String describe(GradeReport report) {
        var lines = new ArrayList<String>();
        lines.add(report.score() + "/" + report.maxScore() + " " + report.status() + " in "
                + report.elapsed().toMillis() + " ms" + (report.problems().isEmpty() ? "" : " " + report.problems()));
        for (CheckResult c : report.checks()) {
            String msg = c.message().length() > 240 ? c.message().substring(0, 240) + "..." : c.message();
            lines.add(String.format("  %-27s %2d/%2d %-9s %5d ms %s", c.id(), c.points(), c.maxPoints(), c.outcome(),
                    c.duration().toMillis(), msg.replace('\n', ' ')));
        }
        return String.join("\n", lines);
    }
}
