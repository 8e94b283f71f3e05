package org.workdistlab.lab.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness's rules, checked with instrumented workloads: what ran, in which order, and when counting
 * began. Nothing here asserts a speed or a duration.
 */
class ExperimentTest {

    /** Short, but long enough that a loaded 2-core machine schedules every worker inside the window. */
    private static final Duration SHORT = Duration.ofMillis(30);

    @AfterEach
    void noWorkerLeftBehind() {
        assertThat(liveWorkers()).as("worker threads still alive after the test").isEmpty();
    }

    static List<String> liveWorkers() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(WorkerGroup.THREAD_PREFIX)).toList();
    }

    private static Experiment quick(String name, Workload w) {
        return Experiment.named(name).workload(w).trialLength(SHORT).quiet();
    }

    @Test
    void warmUpRoundsRunButAreNotReported() {
        var w = new RecordingWorkload();
        var r = quick("warm-up", w).threads(1, 2).warmups(2).trials(3).seed(7).observer(w).run();

        // 2 counts x (2 warm-ups + 3 trials) epochs, each set up and torn down once
        assertThat(w.setups).hasSize(10);
        assertThat(w.teardowns).isEqualTo(10);
        assertThat(w.callsPerEpoch.subList(0, 4)).allSatisfy(c -> assertThat(c).isPositive());
        assertThat(r.trials()).hasSize(6);
        assertThat(r.point(1).trials()).isEqualTo(3);
        assertThat(r.point(2).trials()).isEqualTo(3);
        // reported trial k is epoch 4 + k: same thread count, and never more ops than that epoch's calls
        // minus each worker's first (always uncounted) operation
        for (var t : r.trials()) {
            int epoch = 4 + t.order();
            assertThat(w.setups.get(epoch)).isEqualTo(t.threads());
            assertThat(t.ops()).isLessThanOrEqualTo(w.callsPerEpoch.get(epoch) - t.threads());
        }
    }

    @Test
    void zeroWarmUpsMeansOnlyMeasuredTrials() {
        var w = new RecordingWorkload();
        var r = quick("cold", w).threads(1, 3).warmups(0).trials(2).run();
        assertThat(w.setups).hasSize(4);
        assertThat(r.trials()).hasSize(4);
    }

    @Test
    void trialOrderIsShuffledAndReproducibleBySeed() {
        var counts = List.of(1, 2, 4, 8);
        var a = Experiment.schedule(counts, 2, 5, 42);
        var b = Experiment.schedule(counts, 2, 5, 42);
        var c = Experiment.schedule(counts, 2, 5, 43);
        assertThat(a).isEqualTo(b).isNotEqualTo(c);

        var warm = a.subList(0, 8);
        var measured = a.subList(8, a.size());
        assertThat(warm).allMatch(Experiment.Step::warmup);
        assertThat(warm.subList(0, 4)).extracting(Experiment.Step::threads).containsExactlyInAnyOrderElementsOf(counts);
        assertThat(measured).noneMatch(Experiment.Step::warmup).hasSize(20);
        for (int n : counts) {
            assertThat(measured).filteredOn(s -> s.threads() == n).hasSize(5);
        }
        var order = measured.stream().map(Experiment.Step::threads).toList();
        assertThat(order).as("seed 42 interleaves the counts").isNotEqualTo(order.stream().sorted().toList());
    }

    @Test
    void aRunFollowsTheScheduleOfItsPrintedSeed() {
        var first = new RecordingWorkload();
        var r = quick("order", first).threads(1, 2, 3).warmups(1).trials(3).run();
        long seed = r.settings().seed();
        var expected = Experiment.schedule(List.of(1, 2, 3), 1, 3, seed).stream().map(Experiment.Step::threads).toList();
        assertThat(first.setups).isEqualTo(expected);
        assertThat(r.trials()).extracting(SpeedupResult.Trial::threads).isEqualTo(expected.subList(3, expected.size()));

        var again = new RecordingWorkload();
        quick("order", again).threads(1, 2, 3).warmups(1).trials(3).seed(seed).run();
        assertThat(again.setups).isEqualTo(first.setups);
    }

    @Test
    void countingStartsOnlyAfterEveryWorkerRanAndCountsEveryWorker() {
        // the last worker's first op takes 30 ms; a harness that opened the window at once would open it
        // before that op ended
        var w = new RecordingWorkload(TimeUnit.MILLISECONDS.toNanos(30), Workload.Kind.CPU_BOUND);
        var r = quick("barrier", w).threads(2, 4).warmups(1).trials(2).observer(w).run();

        assertThat(w.firstOpEndVsOpen).hasSize(w.setups.size());
        for (var pair : w.firstOpEndVsOpen) {
            long latestFirstOpEnd = pair[0];
            long open = pair[1];
            assertThat(open).as("window opened").isNotNegative();
            assertThat(latestFirstOpEnd).as("every worker's first op ended before the window opened")
                    .isLessThanOrEqualTo(open);
        }
        for (var t : r.trials()) {
            // the window stays open until every worker began a counted op, even when the OS is slow to run one
            assertThat(t.opsPerWorker()).hasSize(t.threads()).allSatisfy(ops -> assertThat(ops).isPositive());
            assertThat(t.opsPerWorker().stream().mapToLong(Long::longValue).sum()).isEqualTo(t.ops());
        }
    }

    @Test
    void oneThreadIsAddedAsBaselineAndSaysSo() {
        var r = quick("no baseline asked", new RecordingWorkload()).threads(2, 3).warmups(0).trials(2).run();
        assertThat(r.settings().requestedThreads()).containsExactly(2, 3);
        assertThat(r.settings().threads()).containsExactly(1, 2, 3);
        assertThat(r.settings().baselineAdded()).isTrue();
        assertThat(r.notes()).anyMatch(n -> n.contains("1 thread was added"));
        assertThat(r.toString()).contains("1 thread was added");
        assertThat(r.point(1).speedup()).isEqualTo(1.0);
        assertThat(r.point(3).speedup()).isEqualTo(r.point(3).medianOpsPerSec() / r.point(1).medianOpsPerSec());

        var asked = quick("baseline asked", new RecordingWorkload()).threads(1, 2).warmups(0).trials(1).run();
        assertThat(asked.settings().baselineAdded()).isFalse();
        assertThat(asked.notes()).noneMatch(n -> n.contains("1 thread was added"));
    }

    @Test
    void speedupDividesByTheMedianOneThreadTrialOfTheSameResult() {
        // throughput = ops / 1 s window: 1 thread 100, 300, 200 ops/s (median 200); 2 threads 300, 500, 400
        var trials = List.of(trial(0, 1, 100), trial(1, 2, 300), trial(2, 1, 300), trial(3, 2, 500),
                trial(4, 1, 200), trial(5, 2, 400));
        var points = SpeedupResult.summarise(trials);
        assertThat(points).extracting(SpeedupResult.Point::threads).containsExactly(1, 2);
        var two = points.get(1);
        assertThat(two.medianOpsPerSec()).isEqualTo(400.0);
        assertThat(two.speedup()).isEqualTo(2.0);
        assertThat(two.minSpeedup()).isEqualTo(1.5);
        assertThat(two.maxSpeedup()).isEqualTo(2.5);
        // per worker: 2 threads x 1 s / 400 ops = 5 ms per op
        assertThat(two.medianNanosPerOp()).isEqualTo(5e6);
        assertThat(two.efficiency()).isEqualTo(1.0);
    }

    private static SpeedupResult.Trial trial(int order, int threads, long ops) {
        var perWorker = new ArrayList<Long>();
        for (int i = 0; i < threads; i++) {
            perWorker.add(ops / threads);
        }
        return new SpeedupResult.Trial(order, threads, ops, 1_000_000_000L, 0, perWorker);
    }

    @Test
    void observationsHaveOneEntryPerMeasuredTrial() {
        var r = quick("obs", new RecordingWorkload()).threads(1, 2).warmups(1).trials(3).run();
        assertThat(r.observations()).hasSize(6);
        assertThat(r.observations()).extracting(o -> o.threads()).containsExactlyElementsOf(
                r.trials().stream().map(SpeedupResult.Trial::threads).toList());
        assertThat(r.observations().get(0).value()).isEqualTo(r.trials().get(0).throughput());
    }

    @Test
    void interruptDuringTheWindowEndsTheRunAndJoinsEveryWorker() throws Exception {
        for (var kind : Workload.Kind.values()) {
            var w = new RecordingWorkload(0, kind);
            var opened = new CountDownLatch(1);
            var thrown = new AtomicReference<Throwable>();
            var stillInterrupted = new AtomicReference<Boolean>();
            var runner = new Thread(() -> {
                try {
                    Experiment.named("long").workload(w).threads(1, 4).warmups(0).trials(3)
                            .trialLength(Duration.ofMinutes(5)).quiet()
                            .observer(new TrialObserver() {
                                @Override
                                public void windowOpening(int threads) {
                                    opened.countDown();
                                }
                            }).run();
                } catch (Throwable t) {
                    thrown.set(t);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }, "test-runner");
            runner.start();
            assertThat(opened.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(liveWorkers()).isNotEmpty();
            runner.interrupt();
            runner.join(TimeUnit.SECONDS.toMillis(60)); // liveness bound only; the run is 15 minutes otherwise
            assertThat(runner.isAlive()).isFalse();
            assertThat(thrown.get()).isInstanceOf(ExperimentInterruptedException.class)
                    .hasMessageContaining("interrupted after 0 of 6 trials");
            assertThat(stillInterrupted.get()).as("interrupt flag restored").isTrue();
            assertThat(liveWorkers()).isEmpty();
            assertThat(w.teardowns).as("the interrupted trial was torn down").isEqualTo(1);
        }
    }

    @Test
    void interruptWhileAWorkerIsBlockedInItsFirstOperationStillJoinsEveryWorker() throws Exception {
        var entered = new CountDownLatch(1);
        Workload blocksForever = new Workload() {
            @Override
            public long runOnce(int worker) throws InterruptedException {
                entered.countDown();
                new CountDownLatch(1).await(); // waits until interrupted
                return 0;
            }

            @Override
            public Kind kind() {
                return Kind.BLOCKING;
            }
        };
        var thrown = new AtomicReference<Throwable>();
        var runner = new Thread(() -> {
            try {
                quick("stuck", blocksForever).threads(1, 3).run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "test-runner");
        runner.start();
        assertThat(entered.await(60, TimeUnit.SECONDS)).isTrue();
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ExperimentInterruptedException.class);
    }

    @Test
    void anAlreadyInterruptedCallerRunsNoTrial() {
        var w = new RecordingWorkload();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> quick("interrupted", w).threads(1, 2).run())
                    .isInstanceOf(ExperimentInterruptedException.class)
                    .hasMessageContaining("after 0 of");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(w.setups).isEmpty();
    }

    @Test
    void aFailingWorkloadStopsTheRunWithItsErrorAndLeavesNoWorker() {
        Workload failing = new Workload() {
            @Override
            public long runOnce(int worker) {
                if (worker == 1) {
                    throw new ArithmeticException("boom");
                }
                return worker;
            }

            @Override
            public Kind kind() {
                return Kind.CPU_BOUND;
            }
        };
        assertThatThrownBy(() -> quick("fails", failing).threads(1, 2).warmups(0).trials(1).run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed at 2 threads")
                .hasMessageContaining("boom");
    }

    @Test
    void resultsSurviveAJsonRoundTripAndAFile(@TempDir Path dir) {
        var r = quick("json", new RecordingWorkload()).threads(1, 2).warmups(0).trials(2).seed(5).run();
        var back = SpeedupResult.fromJson(r.toJson());
        assertThat(back).isEqualTo(r);
        assertThat(back.machine()).isEqualTo(r.machine());
        assertThat(SpeedupResult.load(r.save(dir.resolve("sub/result.json")))).isEqualTo(r);
        assertThat(r.toJson()).contains("\"seed\" : 5").contains("\"availableProcessors\"");
    }

    @Test
    void brokenJsonGivesAClearError() {
        assertThatThrownBy(() -> SpeedupResult.fromJson("{\"name\": 3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a saved SpeedupResult");
    }

    @Test
    void tablesHaveOneRowPerThreadCountAndPerTrial() {
        var r = quick("table", new RecordingWorkload()).threads(1, 2, 3).warmups(0).trials(2).run();
        var t = r.table();
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.intColumn("threads").asList()).containsExactly(1, 2, 3);
        assertThat(t.doubleColumn("speedup").get(0)).isEqualTo(1.0);
        assertThat(t.getString(0, "speedup")).as("printed rounded").isEqualTo("1.00");
        assertThat(t.getString(0, "median ops/s")).as("printed rounded").doesNotContain(".");
        assertThat(r.toMimeBundle().data().get("text/html").toString()).contains(">1.00<");
        assertThat(r.trialsTable().rowCount()).isEqualTo(6);
        var cmp = SpeedupResult.compare(r, r);
        assertThat(cmp.columnCount()).isEqualTo(3);
        assertThat(r.toString()).contains("threads").contains("seed").contains("Machine:");
        assertThat(r.toMimeBundle().data()).containsKeys("text/html", "text/plain");
    }

    @Test
    void progressPrintsALinePerStep() {
        var lines = new CopyOnWriteArrayList<String>();
        Experiment.named("progress").workload(new RecordingWorkload()).threads(1, 2).warmups(1).trials(2)
                .trialLength(SHORT).progressTo(lines::add).run();
        // start line, 2 warm-ups, 4 trials, done line
        assertThat(lines).hasSize(8);
        assertThat(lines.get(1)).startsWith("warm-up 1/6: ").endsWith("(discarded)");
        assertThat(lines.get(3)).matches("trial 3/6: [12] threads?, .* ops/s");
        assertThat(lines.get(7)).startsWith("done: 4 trials");
        assertThat(lines.get(0)).contains("seed");
    }

    @Test
    void badSettingsAreRejectedWithWhatToDo() {
        assertThatThrownBy(() -> Experiment.named(" ")).hasMessageContaining("experiment name is empty");
        assertThatThrownBy(() -> Experiment.named("x").threads(0)).hasMessageContaining("thread count 0 is out of range");
        assertThatThrownBy(() -> Experiment.named("x").threads()).hasMessageContaining("threads(...) is empty");
        assertThatThrownBy(() -> Experiment.named("x").trials(0)).hasMessageContaining("trials(0)");
        assertThatThrownBy(() -> Experiment.named("x").trialLength(Duration.ZERO)).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> Experiment.named("x").run()).hasMessageContaining("no workload");
    }

    @Test
    void defaultsFitTheTwentySecondBudgetOnPaper() {
        // the defaults' windows: 4 counts x (2 + 5) x 300 ms = 8.4 s, leaving room for setup and ramp-up
        assertThat(Experiment.named("d").workload(new RecordingWorkload()).estimatedDuration())
                .isEqualTo(Duration.ofMillis(8_400));
    }
}
