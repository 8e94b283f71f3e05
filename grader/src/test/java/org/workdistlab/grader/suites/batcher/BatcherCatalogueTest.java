package org.workdistlab.grader.suites.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.workdistlab.exercises.batcher.MySmartBatcher;
import org.workdistlab.exercises.batcher.SmartBatcherFactory;
import org.workdistlab.exercises.reference.batcher.ReferenceSmartBatcher;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.suites.CatalogueGrading;

/**
 * Is the batcher grader right? Through the real forked grading path: the reference and two differently written
 * correct batchers get full marks, the starter gets 0, and each broken batcher loses exactly the checks aimed at
 * its bug and keeps all the others.
 */
class BatcherCatalogueTest {

    /** Broken variant -> the checks it must lose (all others it must keep). */
    static final Map<Class<?>, Set<String>> BROKEN = new LinkedHashMap<>();

    static {
        BROKEN.put(BrokenBatchers.OffByOne.class, Set.of("batch-size"));
        BROKEN.put(BrokenBatchers.NoTimeoutFlush.class, Set.of("max-wait", "max-wait-first-item"));
        BROKEN.put(BrokenBatchers.TimerFromLastItem.class, Set.of("max-wait-first-item"));
        BROKEN.put(BrokenBatchers.StaleTimer.class, Set.of("max-wait-first-item"));
        BROKEN.put(BrokenBatchers.Unbounded.class, Set.of("back-pressure"));
        BROKEN.put(BrokenBatchers.InFlightNotCounted.class, Set.of("back-pressure"));
        BROKEN.put(BrokenBatchers.ConcurrentSink.class, Set.of("one-at-a-time"));
        BROKEN.put(BrokenBatchers.LifoBatches.class, Set.of("many-producers"));
        BROKEN.put(BrokenBatchers.SwallowSinkError.class, Set.of("sink-failure"));
        BROKEN.put(BrokenBatchers.SinkErrorKillsDelivery.class, Set.of("sink-failure"));
        BROKEN.put(BrokenBatchers.CloseDropsPartial.class, Set.of("close-flush"));
        BROKEN.put(BrokenBatchers.ThreadLeak.class, Set.of("close-threads"));
        BROKEN.put(BrokenBatchers.AcceptAfterClose.class, Set.of("after-close"));
        BROKEN.put(BrokenBatchers.CloseTwiceThrows.class, Set.of("after-close"));
        BROKEN.put(BrokenBatchers.BusyWait.class, Set.of("idle"));
        BROKEN.put(BrokenBatchers.PollingIdle.class, Set.of("idle"));
    }

    static final List<Class<?>> CORRECT = List.of(ReferenceSmartBatcher.class, BrokenBatchers.Correct.class,
            MonitorBatcher.class, CallerRunsBatcher.class);

    static Map<Class<?>, GradeReport> reports;

    @BeforeAll
    static void gradeEverything() {
        var all = new ArrayList<Class<?>>(CORRECT);
        all.add(MySmartBatcher.class);
        all.addAll(BROKEN.keySet());
        reports = CatalogueGrading.gradeAll("batcher", SmartBatcherFactory.class, all);
        reports.forEach((impl, r) -> System.out.println(impl.getSimpleName() + ": " + CatalogueGrading.describe(r)));
    }

    @TestFactory
    Stream<DynamicTest> correctImplementationsGetFullMarks() {
        return CORRECT.stream().map(impl -> DynamicTest.dynamicTest(impl.getSimpleName(), () -> {
            var r = reports.get(impl);
            assertThat(r.score()).as(CatalogueGrading.describe(r)).isEqualTo(r.maxScore());
            assertThat(r.maxScore()).isEqualTo(100);
        }));
    }

    @TestFactory
    Stream<DynamicTest> referenceGetsFullMarksRunAfterRun() {
        var runs = CatalogueGrading.gradeRepeatedly("batcher", SmartBatcherFactory.class, ReferenceSmartBatcher.class,
                CatalogueGrading.referenceRuns());
        return runs.stream().map(r -> DynamicTest.dynamicTest("run " + (runs.indexOf(r) + 1), () ->
                assertThat(r.score()).as(CatalogueGrading.describe(r)).isEqualTo(r.maxScore())));
    }

    @TestFactory
    Stream<DynamicTest> starterScoresZero() {
        return Stream.of(DynamicTest.dynamicTest("MySmartBatcher", () -> {
            var r = reports.get(MySmartBatcher.class);
            assertThat(r.score()).as(CatalogueGrading.describe(r)).isZero();
            assertThat(r.checks()).as("every check ran and failed, none timed out")
                    .allSatisfy(c -> assertThat(c.outcome().name()).isIn("FAILED", "ERROR"));
        }));
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenBatcherLosesExactlyTheChecksAimedAtItsBug() {
        return BROKEN.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().getSimpleName(), () -> {
            var r = reports.get(e.getKey());
            assertThat(CatalogueGrading.lost(r)).as(CatalogueGrading.describe(r))
                    .containsExactlyInAnyOrderElementsOf(e.getValue());
        }));
    }

    @TestFactory
    Stream<DynamicTest> catalogueCoversEveryCheck() {
        return Stream.of(DynamicTest.dynamicTest("every check is aimed at by some bug", () -> {
            var aimed = BROKEN.values().stream().flatMap(Set::stream).collect(java.util.stream.Collectors.toSet());
            var all = reports.get(ReferenceSmartBatcher.class).checks().stream().map(c -> c.id()).toList();
            assertThat(aimed).containsExactlyInAnyOrderElementsOf(all);
            assertThat(BROKEN).hasSizeGreaterThanOrEqualTo(10);
        }));
    }
}
