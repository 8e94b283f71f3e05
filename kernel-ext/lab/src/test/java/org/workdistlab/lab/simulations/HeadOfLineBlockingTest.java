package org.workdistlab.lab.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.workdistlab.lab.simulations.HeadOfLineBlocking.Layout;

class HeadOfLineBlockingTest {

    @Test
    void sameSeedGivesTheSameTable() {
        var a = HeadOfLineBlocking.configure().requests(5_000).run();
        var b = HeadOfLineBlocking.configure().requests(5_000).run();
        assertThat(b.table().print()).isEqualTo(a.table().print());
        assertThat(HeadOfLineBlocking.configure().requests(5_000).seed(3).run().table().print())
                .isNotEqualTo(a.table().print());
    }

    @Test
    void stealingCutsTheP99OfFastRequestsStuckBehindSlowOnesInThisModel() {
        var r = HeadOfLineBlocking.simulate();
        var lanes = r.run(Layout.PER_WORKER_QUEUES);
        var stealing = r.run(Layout.WORK_STEALING);
        assertThat(stealing.fastPercentile(99)).isLessThan(lanes.fastPercentile(99));
        assertThat(stealing.steals()).isPositive();
        assertThat(lanes.steals()).isZero();
    }

    @Test
    void everyLayoutServesEveryRequestAndNoneIsFasterThanItsServiceTime() {
        var r = HeadOfLineBlocking.configure().requests(5_000).run();
        for (var run : r.runs().values()) {
            assertThat(run.fastLatencies().length + run.slowLatencies().length).isEqualTo(5_000);
            assertThat(run.fastLatencies().length).isEqualTo(r.run(Layout.SHARED_QUEUE).fastLatencies().length);
            // (arrival + service) - arrival may round a few ulps below service.
            assertThat(Samples.sortedCopy(run.fastLatencies())[0]).isGreaterThanOrEqualTo(r.fastMs() - 1e-6);
            assertThat(Samples.sortedCopy(run.slowLatencies())[0]).isGreaterThanOrEqualTo(r.slowMs() - 1e-6);
        }
    }

    @Test
    void withOneWorkerTheThreeLayoutsAreTheSameQueue() {
        var r = HeadOfLineBlocking.configure().workers(1).requests(3_000).run();
        var shared = r.run(Layout.SHARED_QUEUE);
        for (var run : r.runs().values()) {
            assertThat(run.fastLatencies()).isEqualTo(shared.fastLatencies());
            assertThat(run.slowLatencies()).isEqualTo(shared.slowLatencies());
        }
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> HeadOfLineBlocking.configure().serviceTimes(10, 5))
                .hasMessageContaining("fastMs <= slowMs");
        assertThatThrownBy(() -> HeadOfLineBlocking.configure().workers(0)).hasMessageContaining("workers");
    }
}
