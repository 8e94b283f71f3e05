package org.workdistlab.lab.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.workdistlab.lab.simulations.ThunderingHerd.Strategy;

class ThunderingHerdTest {

    @Test
    void sameSeedGivesTheSameTablesAndAnotherSeedChangesTheJitteredRun() {
        var a = ThunderingHerd.simulate();
        var b = ThunderingHerd.simulate();
        assertThat(b.table().print()).isEqualTo(a.table().print());
        assertThat(b.timeline().print()).isEqualTo(a.timeline().print());
        var other = ThunderingHerd.configure().seed(7).run();
        assertThat(other.run(Strategy.EXPONENTIAL_BACKOFF_FULL_JITTER).offeredPerSlot())
                .isNotEqualTo(a.run(Strategy.EXPONENTIAL_BACKOFF_FULL_JITTER).offeredPerSlot());
        assertThat(a.toString()).contains("seed 42").contains("MODEL");
    }

    @Test
    void withDefaultsEveryClientIsServedExactlyOnceUnderEveryStrategy() {
        var result = ThunderingHerd.simulate();
        for (var run : result.runs()) {
            assertThat(run.recovered()).as(run.strategy().name()).isTrue();
            assertThat(Arrays.stream(run.servedPerSlot()).sum()).as(run.strategy().name())
                    .isEqualTo(ThunderingHerd.DEFAULT_CLIENTS);
            assertThat(run.offeredPerSlot()[0]).isEqualTo(ThunderingHerd.DEFAULT_CLIENTS);
            // Each request is either served once or refused and retried once: offered = served + refused.
            long refused = 0;
            for (int t = 0; t < run.offeredPerSlot().length; t++) {
                assertThat(run.servedPerSlot()[t]).isLessThanOrEqualTo(ThunderingHerd.DEFAULT_CAPACITY);
                refused += run.offeredPerSlot()[t] - run.servedPerSlot()[t];
            }
            assertThat(run.totalRequests()).isEqualTo(ThunderingHerd.DEFAULT_CLIENTS + refused);
        }
    }

    @Test
    void fullJitterHasALowerRetryPeakAndSendsFewerRequestsThanNoBackoffInThisModel() {
        var result = ThunderingHerd.simulate();
        var none = result.run(Strategy.NO_BACKOFF);
        var jitter = result.run(Strategy.EXPONENTIAL_BACKOFF_FULL_JITTER);
        assertThat(jitter.peakRetriesPerSlot()).isLessThan(none.peakRetriesPerSlot());
        assertThat(jitter.totalRequests()).isLessThan(none.totalRequests());
    }

    @Test
    void exponentialBackoffWithoutJitterKeepsTheHerdTogether() {
        // Every refused client has the same failure count, so they all come back in the same slot.
        var run = ThunderingHerd.simulate().run(Strategy.EXPONENTIAL_BACKOFF);
        int busySlots = (int) Arrays.stream(run.offeredPerSlot()).filter(o -> o > 0).count();
        int[] offered = run.offeredPerSlot();
        assertThat(offered[1]).isZero();
        assertThat(offered[2]).isEqualTo(offered[0] - run.servedPerSlot()[0]);
        assertThat(busySlots).isLessThan(offered.length / 4);
    }

    @Test
    void aHerdAtOrAboveCapacityOverRejectionCostIsNeverServedWithoutBackoff() {
        // 100 / 0.05 = 2000: refusing 2000 requests uses the whole capacity, so nobody is ever served.
        var result = ThunderingHerd.withClients(2000).maxSlots(300).run();
        var none = result.run(Strategy.NO_BACKOFF);
        assertThat(none.served()).isZero();
        assertThat(none.recovered()).isFalse();
        assertThat(none.slotsToServeAll()).isEqualTo(-1);
        assertThat(result.run(Strategy.EXPONENTIAL_BACKOFF_FULL_JITTER).recovered()).isTrue();
    }

    @Test
    void servableFollowsTheCapacityEquation() {
        var herd = ThunderingHerd.configure().capacity(100).rejectionCost(0.05);
        assertThat(herd.servable(80)).isEqualTo(80);
        assertThat(herd.servable(100)).isEqualTo(100);
        // s + 0.05 (1000 - s) <= 100  ->  s <= 50 / 0.95 = 52.6
        assertThat(herd.servable(1000)).isEqualTo(52);
        assertThat(herd.servable(2000)).isZero();
        assertThat(ThunderingHerd.configure().rejectionCost(0).servable(5000)).isEqualTo(100);
    }

    @Test
    void fullJitterDrawsFromZeroToTheCappedExponentialInclusive() {
        var herd = ThunderingHerd.configure().backoff(1, 64);
        var rng = new SplittableRandom(1);
        for (int failures = 0; failures < 40; failures++) {
            int ceiling = (int) Math.min(64, 1L << Math.min(failures, 40));
            assertThat(herd.delay(Strategy.EXPONENTIAL_BACKOFF, failures, rng)).isEqualTo(ceiling);
            int min = Integer.MAX_VALUE;
            int max = Integer.MIN_VALUE;
            for (int i = 0; i < 2000; i++) {
                int d = herd.delay(Strategy.EXPONENTIAL_BACKOFF_FULL_JITTER, failures, rng);
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            // 2000 draws from at most 65 values: missing an end has probability < 2 (64/65)^2000 ~ 1e-13.
            assertThat(min).isZero();
            assertThat(max).isEqualTo(ceiling);
            assertThat(herd.delay(Strategy.NO_BACKOFF, failures, rng)).isZero();
        }
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> ThunderingHerd.withClients(0)).hasMessageContaining("clients must be >= 1");
        assertThatThrownBy(() -> ThunderingHerd.configure().rejectionCost(1.0))
                .hasMessageContaining("rejectionCost must be in [0, 1)");
        assertThatThrownBy(() -> ThunderingHerd.configure().backoff(8, 4)).hasMessageContaining("capSlots");
    }
}
