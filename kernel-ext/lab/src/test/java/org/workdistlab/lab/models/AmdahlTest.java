package org.workdistlab.lab.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AmdahlTest {

    @Nested
    class LawAndLimits {
        // FACT-CHECK row 6: 1/(S + P/N); limits 10x, 5x, 3.33x, 2x as N -> infinity; 4.98x (S = 0.2) and 3.99x
        // (S = 0.25) at N = 1000; the Gauntlet's N = 100, S = 0.25 gives 3.88x
        @Test
        void limits_are_one_over_the_serial_fraction() {
            assertThat(Amdahl.limit(0.1)).isCloseTo(10.0, within(1e-12));
            assertThat(Amdahl.limit(0.2)).isCloseTo(5.0, within(1e-12));
            assertThat(Amdahl.limit(0.3)).isCloseTo(3.333, within(5e-4));
            assertThat(Amdahl.limit(0.5)).isCloseTo(2.0, within(1e-12));
            assertThat(Amdahl.limit(0.0)).isInfinite();
        }

        @Test
        void a_thousand_processors_stay_below_the_limit() {
            assertThat(Amdahl.speedup(0.2, 1000)).isCloseTo(4.98, within(0.005));
            assertThat(Amdahl.speedup(0.25, 1000)).isCloseTo(3.99, within(0.005));
            assertThat(Amdahl.speedup(0.25, 100)).isCloseTo(3.88, within(0.005));
            assertThat(Amdahl.speedup(0.2, 1000)).isLessThan(Amdahl.limit(0.2));
        }

        @Test
        void one_thread_is_speedup_one_and_no_serial_part_is_linear() {
            assertThat(Amdahl.speedup(0.37, 1)).isEqualTo(1.0);
            assertThat(Amdahl.speedup(0.0, 64)).isCloseTo(64.0, within(1e-9));
        }

        @Test
        void rejects_a_fraction_outside_zero_to_one() {
            assertThatThrownBy(() -> Amdahl.speedup(1.2, 4)).hasMessageContaining("[0, 1]");
            assertThatThrownBy(() -> Amdahl.speedup(0.1, 0.5)).hasMessageContaining("n must be >= 1");
        }
    }

    @Nested
    class KarpFlattMetric {
        @Test
        void matches_hand_computed_values() {
            // S = 3 at n = 4: (1/3 - 1/4) / (1 - 1/4) = (1/12) / (3/4) = 1/9
            assertThat(Amdahl.karpFlatt(3.0, 4)).isCloseTo(1.0 / 9, within(1e-12));
            // S = 1.6 at n = 2: (0.625 - 0.5) / 0.5 = 0.25
            assertThat(Amdahl.karpFlatt(1.6, 2)).isCloseTo(0.25, within(1e-12));
            // linear speedup has no serial part; no speedup at all is all serial
            assertThat(Amdahl.karpFlatt(8.0, 8)).isCloseTo(0.0, within(1e-12));
            assertThat(Amdahl.karpFlatt(1.0, 8)).isCloseTo(1.0, within(1e-12));
        }

        @Test
        void uses_the_median_trial_of_each_thread_count() {
            List<Observation> speedups = List.of(new Observation(1, 1.0), new Observation(4, 2.9),
                    new Observation(4, 3.0), new Observation(4, 3.4), new Observation(2, 1.6));
            List<KarpFlatt> e = Amdahl.karpFlatt(speedups);
            assertThat(e).extracting(KarpFlatt::threads).containsExactly(2, 4);
            assertThat(e.get(0).serialFraction()).isCloseTo(0.25, within(1e-12));
            assertThat(e.get(1).speedup()).isEqualTo(3.0);
            assertThat(e.get(1).serialFraction()).isCloseTo(1.0 / 9, within(1e-12));
        }

        @Test
        void is_constant_for_amdahl_data_and_rises_when_coherency_costs_grow() {
            int[] ns = {2, 4, 8, 16, 32};
            for (int n : ns) {
                assertThat(Amdahl.karpFlatt(Amdahl.speedup(0.07, n), n)).isCloseTo(0.07, within(1e-12));
            }
            double previous = -1;
            for (int n : ns) {
                double e = Amdahl.karpFlatt(Usl.speedup(0.05, 0.002, n), n);
                assertThat(e).isGreaterThan(previous);
                previous = e;
            }
        }

        @Test
        void is_undefined_at_one_thread() {
            assertThatThrownBy(() -> Amdahl.karpFlatt(1.0, 1)).hasMessageContaining("n >= 2");
        }
    }

    @Nested
    class Fit {
        static final int[] THREADS = {1, 2, 4, 8, 16, 32};

        // tolerance: with 3 % noise and 5 trials at 6 thread counts the largest error over 200 seeds was 0.005
        @Test
        void recovers_the_serial_fraction_from_noisy_trials_within_0_01() {
            for (long seed = 0; seed < 20; seed++) {
                List<Observation> data = Synthetic.trials(seed, THREADS, 5, 0.03, n -> Amdahl.speedup(0.12, n));
                AmdahlFit fit = Amdahl.fit(data);
                assertThat(fit.serialFraction()).as("seed %d", seed).isCloseTo(0.12, within(0.01));
                assertThat(fit.rSquared()).isGreaterThan(0.95);
                assertThat(fit.data()).hasSize(30);
            }
        }

        @Test
        void is_exact_on_noise_free_data() {
            List<Observation> data = Synthetic.trials(1, THREADS, 1, 0.0, n -> Amdahl.speedup(0.3, n));
            AmdahlFit fit = Amdahl.fit(data);
            assertThat(fit.serialFraction()).isCloseTo(0.3, within(1e-7));
            assertThat(fit.rSquared()).isCloseTo(1.0, within(1e-9));
            assertThat(fit.predict(1000)).isCloseTo(Amdahl.speedup(0.3, 1000), within(1e-4));
        }

        @Test
        void stays_inside_zero_and_one() {
            // superlinear speedups (cache effects) would want s < 0; total collapse would want s > 1
            List<Observation> superlinear = Synthetic.trials(1, THREADS, 1, 0.0, n -> 1.2 * n - 0.2);
            assertThat(Amdahl.fit(superlinear).serialFraction()).isEqualTo(0.0);
            List<Observation> collapse = Synthetic.trials(1, THREADS, 1, 0.0, n -> 1.0 / n);
            assertThat(Amdahl.fit(collapse).serialFraction()).isEqualTo(1.0);
        }

        @Test
        void refuses_a_single_thread_count() {
            assertThatThrownBy(() -> Amdahl.fit(List.of(new Observation(4, 3.1), new Observation(4, 3.2))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1 thread count")
                    .hasMessageContaining("at least 2");
        }
    }
}
