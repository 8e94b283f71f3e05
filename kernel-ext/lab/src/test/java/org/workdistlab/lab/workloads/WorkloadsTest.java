package org.workdistlab.lab.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.workdistlab.lab.harness.Experiment;
import org.workdistlab.lab.harness.Workload;

/** Each workload does the work it claims: counted with real threads, never timed. */
class WorkloadsTest {

    /** Runs {@code ops} operations on each of {@code threads} real threads released together. */
    static void hammer(Workload w, int threads, int ops) throws Exception {
        w.setup(threads);
        var go = new CountDownLatch(1);
        var failure = new AtomicReference<Throwable>();
        var workers = new ArrayList<Thread>();
        for (int i = 0; i < threads; i++) {
            int worker = i;
            var t = new Thread(() -> {
                try {
                    go.await();
                    for (int k = 0; k < ops; k++) {
                        w.runOnce(worker);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "hammer-" + i);
            workers.add(t);
            t.start();
        }
        go.countDown();
        for (var t : workers) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void serialPartRunsAloneOncePerRoundAndParallelPartsOverlap() throws Exception {
        var inside = new AtomicInteger();
        var parallelInside = new AtomicInteger();
        var maxInside = new AtomicInteger();
        var maxParallel = new AtomicInteger();
        var parallelSeenBySerial = new AtomicInteger();
        var entries = new AtomicInteger();
        var probe = new SerialFractionWork.SectionProbe() {
            @Override
            public void entered() {
                int now = inside.incrementAndGet();
                maxInside.accumulateAndGet(now, Math::max);
                entries.incrementAndGet();
                Thread.yield(); // widen the section so that a second holder would be seen if the lock were missing
                parallelSeenBySerial.accumulateAndGet(parallelInside.get(), Math::max);
            }

            @Override
            public void leaving() {
                inside.decrementAndGet();
            }

            @Override
            public void enteredParallel() {
                maxParallel.accumulateAndGet(parallelInside.incrementAndGet(), Math::max);
                // Stay until a second worker has come in (or a while passed): parallel parts must be able to overlap.
                for (int i = 0; i < 10_000 && parallelInside.get() < 2; i++) {
                    Thread.onSpinWait();
                }
            }

            @Override
            public void leavingParallel() {
                parallelInside.decrementAndGet();
            }
        };
        var w = new SerialFractionWork(0.5, 200, probe);
        int rounds = 20;
        hammer(w, 4, rounds * SerialFractionWork.OPS_PER_ROUND / 4);
        assertThat(entries.get()).as("serial parts run, one per round").isEqualTo(rounds);
        assertThat(maxInside.get()).as("threads in the serial part at once").isEqualTo(1);
        assertThat(parallelSeenBySerial.get()).as("parallel parts running during a serial part").isZero();
        assertThat(maxParallel.get()).as("parallel parts ever running at once").isGreaterThanOrEqualTo(2);
    }

    @Test
    void serialFractionSplitsTheUnitsOfEachOperation() {
        var w = SerialFractionWork.of(0.10, 5_000);
        assertThat(w.serialUnits()).isEqualTo(500);
        assertThat(w.parallelUnits()).isEqualTo(4_500);
        assertThat(w.serialFraction()).isEqualTo(0.10);
        assertThat(w.kind()).isEqualTo(Workload.Kind.CPU_BOUND);
        assertThat(w.describe()).contains("10% serial (runs alone)");
        // FACT-CHECK row 6: 10% serial is capped at 10x; at 2 processors 1 / (0.1 + 0.9 / 2) = 1.818...
        assertThat(w.amdahlSpeedup(2)).isCloseTo(1 / 0.55, org.assertj.core.data.Offset.offset(1e-12));
        var odd = SerialFractionWork.of(0.333, 10);
        assertThat(odd.serialUnits()).isEqualTo(3);
        assertThat(odd.serialFraction()).as("the fraction actually used").isEqualTo(0.3);
        assertThatThrownBy(() -> SerialFractionWork.of(1.5)).hasMessageContaining("between 0 and 1");
    }

    @Test
    void stopReleasesAWorkerWaitingForTheNextRound() throws Exception {
        var holding = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var probe = new SerialFractionWork.SectionProbe() {
            @Override
            public void entered() {
            }

            @Override
            public void leaving() {
            }

            @Override
            public void enteredParallel() {
                if (Thread.currentThread().getName().equals("holder")) {
                    holding.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        var w = new SerialFractionWork(0.1, 100, probe);
        w.setup(2);
        for (int i = 0; i < SerialFractionWork.OPS_PER_ROUND - 1; i++) {
            w.runOnce(0);
        }
        // The round's last operation is taken and held: a worker that wants one more must wait.
        var holder = new Thread(() -> {
            try {
                w.runOnce(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "holder");
        holder.start();
        holding.await();
        var result = new AtomicReference<Long>();
        var waiter = new Thread(() -> {
            try {
                result.set(w.runOnce(0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "waiter");
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
            Thread.onSpinWait();
        }
        assertThat(waiter.isAlive()).as("waits while the round's last operation runs").isTrue();
        w.onStop();
        waiter.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(waiter.isAlive()).as("released by onStop").isFalse();
        assertThat(result.get()).isZero();
        release.countDown();
        holder.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(holder.isAlive()).isFalse();
    }

    @Test
    void zeroSerialFractionNeverTakesTheLock() throws Exception {
        var entries = new AtomicInteger();
        var probe = new SerialFractionWork.SectionProbe() {
            @Override
            public void entered() {
                entries.incrementAndGet();
            }

            @Override
            public void leaving() {
            }
        };
        hammer(new SerialFractionWork(0.0, 100, probe), 2, 1_000);
        assertThat(entries.get()).isZero();
    }

    @ParameterizedTest
    @EnumSource(SharedCounter.Strategy.class)
    void everyCounterStrategyCountsExactly(SharedCounter.Strategy strategy) throws Exception {
        var c = SharedCounter.of(strategy);
        hammer(c, 4, 50_000);
        assertThat(c.total()).isEqualTo(200_000);
        c.setup(3);
        assertThat(c.total()).as("setup resets").isZero();
        hammer(SharedCounter.of(strategy, 10), 3, 1_000);
    }

    @ParameterizedTest
    @EnumSource(SharedCounter.Strategy.class)
    void theHarnessCountsNoMoreOpsThanTheCounterSaw(SharedCounter.Strategy strategy) {
        var c = SharedCounter.of(strategy);
        var r = Experiment.named(strategy.name()).workload(c).threads(1, 2).warmups(0).trials(1)
                .trialLength(Duration.ofMillis(40)).seed(3).quiet().run();
        var last = r.trials().get(r.trials().size() - 1);
        // setup reset the counter before the last trial, which also counted ramp-up and wind-down ops
        assertThat(c.total()).isGreaterThanOrEqualTo(last.ops() + last.threads());
    }

    @Test
    void allToAllMovesNTimesNMinusOneMessagesPerRound() throws Exception {
        for (int n : new int[] {1, 2, 4}) {
            var w = Coordination.allToAll(10);
            int rounds = 300;
            hammer(w, n, rounds);
            assertThat(w.roundsCompleted()).isEqualTo((long) n * rounds);
            assertThat(w.messagesSent()).isEqualTo((long) n * (n - 1) * rounds);
            assertThat(w.messagesReceived()).isEqualTo((long) n * (n - 1) * rounds);
            assertThat(w.messagesSent()).isEqualTo(2 * Coordination.paths(n) * rounds);
        }
    }

    @Test
    void independentWorkersSendNothing() throws Exception {
        var w = Coordination.independent(10);
        hammer(w, 4, 300);
        assertThat(w.roundsCompleted()).isEqualTo(1_200);
        assertThat(w.messagesSent()).isZero();
        assertThat(w.messagesReceived()).isZero();
    }

    @Test
    void pathsFollowBrooks() {
        assertThat(List.of(Coordination.paths(1), Coordination.paths(2), Coordination.paths(10),
                Coordination.paths(100), Coordination.paths(1000))).containsExactly(0L, 1L, 45L, 4_950L, 499_500L);
    }

    @Test
    void allToAllStopsCleanlyInsideTheHarness() {
        var w = Coordination.allToAll(100);
        var r = Experiment.named("talk").workload(w).threads(1, 3, 4).warmups(1).trials(1)
                .trialLength(Duration.ofMillis(40)).quiet().run();
        assertThat(r.trials()).hasSize(3);
        // the last trial ended mid-round: at most two messages wait in each of the n(n-1) queues
        int n = r.trials().get(r.trials().size() - 1).threads();
        assertThat(w.messagesSent() - w.messagesReceived()).isBetween(0L, 2L * n * (n - 1));
    }

    @Test
    void aRemoteCallWaitsAtLeastItsLatencyAndIsInterruptible() throws Exception {
        var call = RemoteCall.of(Duration.ofMillis(3), 100);
        call.setup(1);
        long before = System.nanoTime();
        call.runOnce(0);
        // a lower bound the parking loop guarantees by construction (not a speed assertion)
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(Duration.ofMillis(3).toNanos());
        assertThat(call.kind()).isEqualTo(Workload.Kind.BLOCKING);

        var longCall = RemoteCall.of(Duration.ofSeconds(60));
        longCall.setup(1);
        var thrown = new AtomicReference<Throwable>();
        var t = new Thread(() -> {
            try {
                longCall.runOnce(0);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
}
