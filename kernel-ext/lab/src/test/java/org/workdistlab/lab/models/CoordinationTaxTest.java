package org.workdistlab.lab.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The module's illustrative formulas, checked against the numbers FACT-CHECK rows 3, 4 and 8 give for them. */
class CoordinationTaxTest {

    @Nested
    class Paths {
        @Test
        void are_n_times_n_minus_one_over_two() {
            assertThat(CoordinationTax.paths(10)).isEqualTo(45);
            assertThat(CoordinationTax.paths(50)).isEqualTo(1225);
            assertThat(CoordinationTax.paths(100)).isEqualTo(4950);
            assertThat(CoordinationTax.paths(1000)).isEqualTo(499_500);
            assertThat(CoordinationTax.paths(1)).isZero();
            assertThat(CoordinationTax.paths(0)).isZero();
        }
    }

    @Nested
    class EffectiveWorkers {
        @Test
        void reproduce_the_modules_printed_values_for_c_0_001() {
            assertThat(CoordinationTax.effectiveWorkers(10, 0.001)).isCloseTo(9.09, within(0.005));
            assertThat(CoordinationTax.effectiveWorkers(100, 0.001)).isCloseTo(9.09, within(0.005));
            assertThat(CoordinationTax.effectiveWorkers(1000, 0.001)).isCloseTo(1.00, within(0.005));
        }

        @Test
        void overhead_shares_are_9_91_and_99_9_percent_not_the_modules_55_98_99_8() {
            assertThat(CoordinationTax.overheadShare(10, 0.001)).isCloseTo(0.0909, within(0.0005));
            assertThat(CoordinationTax.overheadShare(100, 0.001)).isCloseTo(0.909, within(0.0005));
            assertThat(CoordinationTax.overheadShare(1000, 0.001)).isCloseTo(0.999, within(0.0005));
        }

        @Test
        void peak_at_one_over_root_c() {
            double peak = CoordinationTax.peakWorkers(0.001);
            assertThat(peak).isCloseTo(31.62, within(0.01));
            double best = CoordinationTax.effectiveWorkers(peak, 0.001);
            assertThat(best).isCloseTo(1 / (2 * Math.sqrt(0.001)), within(1e-9));
            assertThat(best).isGreaterThan(CoordinationTax.effectiveWorkers(31, 0.001))
                    .isGreaterThan(CoordinationTax.effectiveWorkers(33, 0.001));
            assertThat(CoordinationTax.peakWorkers(0)).isInfinite();
        }
    }

    @Nested
    class ExerciseOneCalculator {
        @Test
        void gives_minus_11_25_effective_nodes_for_50_nodes_1_ms_1000_ms() {
            OverheadEstimate e = CoordinationTax.overhead(50, 1.0, 1000.0);
            assertThat(e.paths()).isEqualTo(1225);
            assertThat(e.overheadPercent()).isCloseTo(122.5, within(1e-9));
            assertThat(e.effectiveNodes()).isCloseTo(-11.25, within(1e-9));
            assertThat(e.isNonsense()).isTrue();
            assertThat(e.problems()).hasSize(2)
                    .anySatisfy(p -> assertThat(p).contains("122.5 % > 100 %"))
                    .anySatisfy(p -> assertThat(p).contains("-11.25 < 0"));
        }

        @Test
        void is_self_consistent_while_coordination_is_shorter_than_the_work() {
            OverheadEstimate e = CoordinationTax.overhead(10, 1.0, 1000.0);
            assertThat(e.overheadPercent()).isCloseTo(4.5, within(1e-9));
            assertThat(e.effectiveNodes()).isCloseTo(9.55, within(1e-9));
            assertThat(e.problems()).isEmpty();
        }

        @Test
        void turns_nonsensical_from_46_nodes_at_1_ms_per_path_and_1000_ms_of_work() {
            assertThat(CoordinationTax.firstNonsensicalNodeCount(1.0, 1000.0)).isEqualTo(46);
            assertThat(CoordinationTax.overhead(45, 1.0, 1000.0).isNonsense()).isFalse();
            assertThat(CoordinationTax.overhead(46, 1.0, 1000.0).isNonsense()).isTrue();
        }

        @Test
        void rejects_impossible_inputs() {
            assertThatThrownBy(() -> CoordinationTax.overhead(0, 1, 1000)).hasMessageContaining("nodes must be >= 1");
            assertThatThrownBy(() -> CoordinationTax.overhead(5, 1, 0)).hasMessageContaining("total work time");
        }
    }
}
