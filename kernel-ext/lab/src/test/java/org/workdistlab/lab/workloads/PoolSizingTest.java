package org.workdistlab.lab.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.workdistlab.lab.harness.ExperimentInterruptedException;
import org.workdistlab.lab.harness.Workload;

class PoolSizingTest {

    @AfterEach
    void noPoolThreadLeft() {
        assertThat(poolThreads()).isEmpty();
    }

    static List<String> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(PoolSizing.THREAD_PREFIX)).toList();
    }

    @Test
    void goetzFormulaMatchesHandComputedSizes() {
        assertThat(PoolSizing.goetzThreads(2, 1.0, 0)).isEqualTo(2.0);
        // FACT-CHECK row 9: "10-50x cores" is what the formula gives only for W/C of 9 to 49
        assertThat(PoolSizing.goetzThreads(2, 1.0, 9)).isEqualTo(20.0);
        assertThat(PoolSizing.goetzThreads(2, 1.0, 49)).isEqualTo(100.0);
        assertThat(PoolSizing.goetzThreads(4, 0.5, 3)).isEqualTo(8.0);
        assertThatThrownBy(() -> PoolSizing.goetzThreads(2, 1.5, 1)).hasMessageContaining("utilization");
        assertThatThrownBy(() -> PoolSizing.goetzThreads(2, 1, -1)).hasMessageContaining("W/C");
        assertThatThrownBy(() -> PoolSizing.goetzThreads(0, 1, 1)).hasMessageContaining("cpus");
    }

    @Test
    void blockingTasksMeasureMostlyWaitingAndEverySizeIsReported() {
        var r = PoolSizing.blocking(Duration.ofMillis(2), 1_000).sizes(4, 1, 2).trials(2)
                .trialLength(Duration.ofMillis(20)).seed(11).quiet().run();
        assertThat(r.kind()).isEqualTo(Workload.Kind.BLOCKING);
        assertThat(r.points()).extracting(PoolSizingResult.Point::poolSize).containsExactly(1, 2, 4);
        assertThat(r.points()).allSatisfy(p -> assertThat(p.trials()).isEqualTo(2));
        // each task parks 2 ms and computes ~1 000 xorshift steps: waiting dominates by construction
        assertThat(r.waitOverCompute()).isGreaterThan(1.0);
        assertThat(r.goetzThreads()).isEqualTo(r.machine().effectiveCpus() * (1 + r.waitOverCompute()));
        assertThat(r.courseRule()).contains("10-50x cores");
        assertThat(r.toString()).contains("Goetz").contains("W/C").contains("seed 11");
        assertThat(r.table().rowCount()).isEqualTo(3);
    }

    @Test
    void cpuTasksReportTheCpuRule() {
        var r = PoolSizing.cpu(1_000).sizes(1, 2).trials(1).trialLength(Duration.ofMillis(20)).quiet().run();
        assertThat(r.computeNanosPerTask()).isPositive();
        assertThat(r.courseRule()).contains("2-3x cores");
        assertThat(r.toString()).contains("N_cpu+1");
    }

    @Test
    void interruptShutsThePoolDownAndJoinsItsThreads() throws Exception {
        var thrown = new AtomicReference<Throwable>();
        var runner = new Thread(() -> {
            try {
                PoolSizing.blocking().sizes(8).trials(3).trialLength(Duration.ofMinutes(5)).quiet().run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "pool-test-runner");
        runner.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (poolThreads().stream().noneMatch(n -> n.contains("8x")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(poolThreads()).anyMatch(n -> n.contains("8x"));
        runner.interrupt();
        runner.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ExperimentInterruptedException.class);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> PoolSizing.cpu().sizes()).hasMessageContaining("sizes(...) is empty");
        assertThatThrownBy(() -> PoolSizing.cpu().sizes(0)).hasMessageContaining("pool size 0");
        assertThatThrownBy(() -> PoolSizing.blocking(Duration.ZERO, 1)).hasMessageContaining("wait must be");
    }
}
