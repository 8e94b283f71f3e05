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

    /**
     * Broken variant -> the checks it must lose (all others it must keep). The throughput check requires batch-size,
     * many-producers and one-at-a-time, so a variant that loses one of those loses throughput too (the gate).
     */
    static final Map<Class<?>, Set<String>> BROKEN = new LinkedHashMap<>();

    static {
        BROKEN.put(BrokenBatchers.OffByOne.class, Set.of("batch-size", "throughput"));
        BROKEN.put(BrokenBatchers.NoTimeoutFlush.class, Set.of("max-wait", "max-wait-first-item"));
        BROKEN.put(BrokenBatchers.TimerFromLastItem.class, Set.of("max-wait-first-item"));
        BROKEN.put(BrokenBatchers.StaleTimer.class, Set.of("max-wait-first-item"));
        BROKEN.put(BrokenBatchers.Unbounded.class, Set.of("back-pressure"));
        BROKEN.put(BrokenBatchers.InFlightNotCounted.class, Set.of("back-pressure"));
        BROKEN.put(BrokenBatchers.ConcurrentSink.class, Set.of("one-at-a-time", "throughput"));
        BROKEN.put(BrokenBatchers.LifoBatches.class, Set.of("many-producers", "throughput"));
        BROKEN.put(BrokenBatchers.SwallowSinkError.class, Set.of("sink-failure"));
        BROKEN.put(BrokenBatchers.SinkErrorKillsDelivery.class, Set.of("sink-failure"));
        BROKEN.put(BrokenBatchers.CloseDropsPartial.class, Set.of("close-flush"));
        BROKEN.put(BrokenBatchers.ThreadLeak.class, Set.of("close-threads"));
        BROKEN.put(BrokenBatchers.AcceptAfterClose.class, Set.of("after-close"));
        BROKEN.put(BrokenBatchers.CloseTwiceThrows.class, Set.of("after-close"));
        BROKEN.put(BrokenBatchers.BusyWait.class, Set.of("idle"));
        BROKEN.put(BrokenBatchers.PollingIdle.class, Set.of("idle"));
        BROKEN.put(BrokenBatchers.SleepAfterDelivery.class, Set.of("throughput"));
    }

    /**
     * Checks a variant may lose besides its aimed ones: its bug also costs speed, by how much depends on the machine.
     * A spinning delivery thread takes a core from the producers; a timer rescheduled on every add costs a clock
     * call per item (measured 3.75x and 4.0x the reference's time on 2 cores).
     */
    static final Map<Class<?>, Set<String>> MAY_LOSE = Map.of(
            BrokenBatchers.BusyWait.class, Set.of("throughput"),
            BrokenBatchers.TimerFromLastItem.class, Set.of("throughput"));

    static final List<Class<?>> CORRECT = List.of(ReferenceSmartBatcher.class, BrokenBatchers.Correct.class,
            MonitorBatcher.class, CallerRunsBatcher.class);

    static Map<Class<?>, GradeReport> reports;

    @BeforeAll
    static void gradeEverything() {
        var all = new ArrayList<Class<?>>(CORRECT);
        all.add(MySmartBatcher.class);
        all.addAll(BROKEN.keySet());
        reports = CatalogueGrading.gradeAll("batcher", SmartBatcherFactory.class, all, 1);
        reports.forEach((impl, r) -> System.out.println(impl.getSimpleName() + ": " + CatalogueGrading.describe(r)));
    }

    @TestFactory
    Stream<DynamicTest> correctImplementationsGetFullMarks() {
        return CatalogueGrading.fullMarks(reports, CORRECT, 100);
    }

    @TestFactory
    Stream<DynamicTest> referenceGetsFullMarksRunAfterRun() {
        return CatalogueGrading.fullMarksRunAfterRun("batcher", SmartBatcherFactory.class, ReferenceSmartBatcher.class,
                1);
    }

    @TestFactory
    Stream<DynamicTest> starterScoresZero() {
        return CatalogueGrading.scoresZeroCleanly(reports, MySmartBatcher.class);
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenBatcherLosesExactlyTheChecksAimedAtItsBug() {
        return CatalogueGrading.loses(reports, BROKEN.keySet(), BROKEN::get,
                impl -> MAY_LOSE.getOrDefault(impl, Set.of()));
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
