package org.workdistlab.lab.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.workdistlab.lab.simulations.Starvation.Policy;

class StarvationTest {

    private static final int SMALL = 0;
    private static final int LARGE = 2;

    @Test
    void sameSeedGivesTheSameTable() {
        var a = Starvation.configure().tasks(5_000).run();
        var b = Starvation.configure().tasks(5_000).run();
        assertThat(b.table().print()).isEqualTo(a.table().print());
        assertThat(Starvation.configure().tasks(5_000).seed(9).run().table().print())
                .isNotEqualTo(a.table().print());
    }

    @Test
    void everyPolicyFinishesEveryTaskOfTheSameWorkload() {
        var r = Starvation.simulate();
        int[] perClass = new int[Starvation.CLASS_NAMES.length];
        for (int c = 0; c < perClass.length; c++) {
            perClass[c] = r.waits().get(Policy.FIFO)[c].length;
        }
        assertThat(java.util.Arrays.stream(perClass).sum()).isEqualTo(Starvation.DEFAULT_TASKS);
        for (Policy p : Policy.values()) {
            for (int c = 0; c < perClass.length; c++) {
                assertThat(r.waits().get(p)[c]).as(p + " class " + c).hasSize(perClass[c]);
                assertThat(r.waits(p, c)[0]).as("no negative wait").isGreaterThanOrEqualTo(-1e-9);
            }
        }
    }

    @Test
    void feedbackQueuesCutTheWaitOfSmallTasksThatFifoPutsBehindLargeOnes() {
        var r = Starvation.simulate();
        double fifo = r.percentile(Policy.FIFO, SMALL, 99);
        assertThat(r.percentile(Policy.MLFQ, SMALL, 99)).isLessThan(fifo);
        assertThat(r.percentile(Policy.MLFQ_AGING, SMALL, 99)).isLessThan(fifo);
    }

    @Test
    void agingBoundsHowLongALargeTaskSitsUnservedInThisModel() {
        var r = Starvation.simulate();
        double withoutAging = r.longestGap(Policy.MLFQ, LARGE);
        double withAging = r.longestGap(Policy.MLFQ_AGING, LARGE);
        assertThat(withAging).isLessThan(withoutAging);
        // Lifted at the threshold, a task then waits only behind level 0; with these defaults that is short.
        assertThat(withAging).isLessThan(2 * Starvation.DEFAULT_AGING_THRESHOLD);
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> Starvation.configure().utilisation(1.0))
                .hasMessageContaining("utilisation must be in (0, 1)");
        assertThatThrownBy(() -> Starvation.configure().levels(1)).hasMessageContaining("levels must be >= 2");
    }
}
