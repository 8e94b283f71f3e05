package org.workdistlab.lab.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.workdistlab.lab.models.Synthetic.sameSignificant;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class UslTest {

    /**
     * Published data sets with their published coefficients. Each is reproduced to 4 significant digits (to 3 or
     * 2 where the source printed no more).
     */
    @Nested
    class PublishedDataSets {

        /*
         * Cisco benchmark from Baron Schwartz, "Practical Scalability Analysis with the Universal Scalability Law"
         * (VividCortex, 2015; https://raw.githubusercontent.com/VividCortex/ebooks/master/scalability.pdf): 32
         * concurrency levels, throughput in queries per second, fitted in R with nls() on throughput, lambda free:
         * lambda = 995.6486, sigma = 0.02671591, kappa = 0.0007690945, peak at N = 35 with 12341 QPS.
         * Data and coefficients as quoted in codahale/usl4j src/test/java/com/codahale/usl4j/tests/ModelTest.java
         * ("data of Cisco benchmark from Practical Scalability by Baron Schwartz", "listed values of the fitted
         * model from the book"); the same R output is printed in marselester/scalability README.md (usl.r: nls of
         * tput ~ lambda*size/(1 + sigma*(size-1) + kappa*size*(size-1))). Data: PublishedData.cisco().
         */

        @Test
        void cisco_benchmark_from_schwartz_is_reproduced_to_4_significant_digits() {
            UslFit fit = Usl.fit(PublishedData.cisco());
            assertThat(sameSignificant(995.6486, fit.lambda(), 4)).as("lambda %s", fit.lambda()).isTrue();
            assertThat(sameSignificant(0.02671591, fit.sigma(), 4)).as("sigma %s", fit.sigma()).isTrue();
            assertThat(sameSignificant(0.0007690945, fit.kappa(), 4)).as("kappa %s", fit.kappa()).isTrue();
            // the book rounds N* = 35.57 down to 35 threads and reports X(35) = 12341
            assertThat(Math.floor(fit.peakConcurrency())).isEqualTo(35.0);
            assertThat(Math.floor(fit.predict(35))).isEqualTo(12341.0);
        }

        /*
         * SPEC SDM91 on a 16-CPU Sun SPARCcenter 2000 (Oct 1994), data set `specsdm91` of the R package usl by
         * Stefan Moeding (smoeding/usl; source: Gunther, Guerrilla Capacity Planning, 2007). The package ships it
         * only as data/specsdm91.rda (binary), so its seven points (PublishedData.specSdm91) were read off the
         * package's own printed test outputs: tests/t03.Rout.save (usl 1.x, fitted + residuals: 64.9+0.0, 889.1+106.8, 1377.5+274.9,
         * 1787.7+65.5, 1876.1-47.2, 1845.9-70.9, 1682.8+19.4), and cross-checked against tests/residuals.Rout.save
         * and tests/efficiency.Rout.save of usl 2.x. Published usl 2.x fit (least squares on throughput, lambda
         * free, named gamma there; the default and nlxb methods print the same): tests/usl-nlxb.Rout.save prints alpha 0.0277285, beta 0.0001044,
         * gamma 89.9952330, tests/summary.Rout.save residual standard error 82.85 on 4 df, R^2 0.9896,
         * tests/peak-scalability.Rout.save signif(peak, 2) = 97.
         */

        @Test
        void spec_sdm91_from_the_r_usl_package_is_reproduced_to_4_significant_digits() {
            UslFit fit = Usl.fit(PublishedData.specSdm91());
            assertThat(sameSignificant(0.0277285, fit.sigma(), 4)).as("sigma %s", fit.sigma()).isTrue();
            assertThat(sameSignificant(0.0001044, fit.kappa(), 4)).as("kappa %s", fit.kappa()).isTrue();
            assertThat(sameSignificant(89.9952330, fit.lambda(), 4)).as("lambda %s", fit.lambda()).isTrue();
            assertThat(sameSignificant(82.85, fit.residualStandardError(), 4)).isTrue();
            assertThat(sameSignificant(0.9896, fit.rSquared(), 4)).isTrue();
            assertThat(sameSignificant(97, fit.peakConcurrency(), 2)).isTrue();
        }

        @Test
        void spec_sdm91_residuals_match_the_packages_printed_residuals() {
            // tests/residuals.Rout.save (usl 2.x, options(digits = 3))
            double[] published = {-25.10, -81.66, 111.09, 3.05, -49.99, -46.60, 56.00};
            UslFit fit = Usl.fit(PublishedData.specSdm91());
            List<Observation> data = PublishedData.specSdm91();
            for (int i = 0; i < data.size(); i++) {
                double residual = data.get(i).value() - fit.predict(data.get(i).threads());
                assertThat(residual).as("load %s", data.get(i).threads()).isCloseTo(published[i], within(0.006));
            }
        }

        @Test
        void spec_sdm91_with_guntherss_linearised_method_matches_usl_1x() {
            // tests/t03.Rout.save (usl 1.x default: normalise by X(1), quadratic through the origin; 3 digits
            // printed): sigma 1.70e-02, kappa 7.89e-05; tests/t01.Rout.save: signif(peak, 2) = 110
            UslFit fit = Usl.fitLinearised(PublishedData.specSdm91());
            assertThat(sameSignificant(0.0170, fit.sigma(), 3)).as("sigma %s", fit.sigma()).isTrue();
            assertThat(sameSignificant(7.89e-5, fit.kappa(), 3)).as("kappa %s", fit.kappa()).isTrue();
            assertThat(fit.lambda()).isEqualTo(64.9);
            assertThat(sameSignificant(110, fit.peakConcurrency(), 2)).isTrue();
            assertThat(fit.predict(18)).isCloseTo(889.1, within(0.05));
        }

        @Test
        void the_r_usl_packages_synthetic_test_set_gives_its_coefficients() {
            // tests/coef.R and coef.Rout.save: load 1..10, tput 1, 1.8868, ...; signif(coef, 3) = 0.02 and 0.02
            double[][] dfr = {{1, 1}, {2, 1.8868}, {4, 3.0769}, {6, 3.5294}, {8, 3.5398}, {10, 3.3557}};
            for (UslFit fit : List.of(Usl.fit(Synthetic.exact(dfr)), Usl.fitRelative(Synthetic.exact(dfr)))) {
                assertThat(sameSignificant(0.02, fit.sigma(), 3)).as("sigma %s", fit.sigma()).isTrue();
                assertThat(sameSignificant(0.02, fit.kappa(), 3)).as("kappa %s", fit.kappa()).isTrue();
                assertThat(sameSignificant(1.00, fit.lambda(), 3)).isTrue();
            }
        }
    }

    @Nested
    class RecoveryFromSyntheticData {
        static final int[] THREADS = {1, 2, 4, 6, 8, 12, 16, 24, 32};

        /*
         * Truth lambda 1000, sigma 0.05, kappa 0.002 (peak near N = 22); 5 trials per thread count with 3 %
         * Gaussian noise. Tolerances are about 1.5 times the largest error seen over 200 seeds (lambda 5.3 %,
         * sigma 0.014, kappa 0.00037).
         */
        @Test
        void recovers_lambda_sigma_and_kappa_within_tolerance() {
            for (long seed = 0; seed < 20; seed++) {
                List<Observation> data = Synthetic.trials(seed, THREADS, 5, 0.03,
                        n -> Usl.throughput(1000, 0.05, 0.002, n));
                UslFit fit = Usl.fit(data);
                assertThat(fit.lambda()).as("lambda, seed %d", seed).isCloseTo(1000, within(80.0));
                assertThat(fit.sigma()).as("sigma, seed %d", seed).isCloseTo(0.05, within(0.02));
                assertThat(fit.kappa()).as("kappa, seed %d", seed).isCloseTo(0.002, within(0.0006));
                assertThat(fit.rSquared()).isGreaterThan(0.9);
            }
        }

        @Test
        void relative_fit_recovers_sigma_and_kappa_from_speedups() {
            List<Observation> data = Synthetic.trials(3, THREADS, 5, 0.02, n -> Usl.speedup(0.1, 0.001, n));
            UslFit fit = Usl.fitRelative(data);
            assertThat(fit.lambda()).isEqualTo(1.0);
            assertThat(fit.relative()).isTrue();
            assertThat(fit.sigma()).isCloseTo(0.1, within(0.02));
            assertThat(fit.kappa()).isCloseTo(0.001, within(0.0005));
        }

        @Test
        void is_exact_on_noise_free_data() {
            List<Observation> data = Synthetic.trials(1, THREADS, 1, 0.0, n -> Usl.throughput(250, 0.08, 0.0005, n));
            UslFit fit = Usl.fit(data);
            assertThat(fit.lambda()).isCloseTo(250, within(1e-6));
            assertThat(fit.sigma()).isCloseTo(0.08, within(1e-9));
            assertThat(fit.kappa()).isCloseTo(0.0005, within(1e-10));
        }

        @Test
        void keeps_sigma_and_kappa_non_negative_when_the_data_curve_upwards() {
            // superlinear data (kappa = -0.001 would fit exactly): the bounded fit stops at kappa = 0
            List<Observation> data = Synthetic.trials(1, THREADS, 1, 0.0, n -> Usl.throughput(100, 0.2, -0.001, n));
            UslFit fit = Usl.fit(data);
            assertThat(fit.kappa()).isEqualTo(0.0);
            assertThat(fit.sigma()).isGreaterThanOrEqualTo(0.0);
            assertThat(fit.peakConcurrency()).isInfinite();
        }
    }

    @Nested
    class Peak {
        @Test
        void peak_concurrency_is_the_square_root_of_one_minus_sigma_over_kappa() {
            assertThat(Usl.peakConcurrency(0.0, 0.001)).isCloseTo(Math.sqrt(1000), within(1e-9));
            assertThat(Usl.peakConcurrency(0.05, 0.002)).isCloseTo(Math.sqrt(0.95 / 0.002), within(1e-9));
            assertThat(Usl.peakConcurrency(0.05, 0.0)).isInfinite();
        }

        @Test
        void throughput_is_highest_at_the_peak_and_never_negative() {
            UslFit fit = new UslFit(1000, 0.05, 0.002, 1, 0, List.of(), false);
            double nStar = fit.peakConcurrency();
            assertThat(fit.peakThroughput()).isGreaterThan(fit.predict(nStar - 1)).isGreaterThan(fit.predict(nStar + 1));
            for (int n = 1; n <= 100_000; n *= 10) {
                assertThat(fit.predict(n)).isPositive();
            }
        }

        @Test
        void without_coherency_cost_throughput_approaches_lambda_over_sigma() {
            UslFit fit = new UslFit(1000, 0.05, 0.0, 1, 0, List.of(), false);
            assertThat(fit.peakThroughput()).isCloseTo(20_000, within(1e-9));
            assertThat(fit.predict(1e9)).isCloseTo(20_000, within(0.01));
        }
    }

    @Nested
    class Refusal {
        @Test
        void refuses_fewer_than_four_distinct_thread_counts() {
            List<Observation> three = Synthetic.trials(1, new int[] {1, 2, 4}, 10, 0.01, n -> 100.0 * n);
            for (var attempt : List.<Runnable>of(() -> Usl.fit(three), () -> Usl.fitRelative(three),
                    () -> Usl.fitLinearised(three))) {
                assertThatThrownBy(attempt::run)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("3 distinct thread count")
                        .hasMessageContaining("[1, 2, 4]")
                        .hasMessageContaining("at least 4");
            }
        }

        @Test
        void linearised_fit_needs_a_one_thread_baseline() {
            List<Observation> noOne = Synthetic.trials(1, new int[] {2, 4, 8, 16}, 2, 0.01, n -> 100.0 * n);
            assertThatThrownBy(() -> Usl.fitLinearised(noOne)).hasMessageContaining("no 1-thread trial");
        }
    }

    @Nested
    class BootstrapBand {
        static final int[] THREADS = {1, 2, 4, 6, 8, 12, 16, 24, 32};

        /*
         * Nominal pointwise coverage is 95 %. With 5 trials per thread count the measured rate at N = 12 was about
         * 92 % (89 to 98 of 100 over several seed ranges), so 85 of 100 leaves room for chance (p = 0.92 gives
         * fewer than 85 with probability about 0.5 %) while a band that ignores the trial spread fails.
         */
        @Test
        void contains_the_true_curve_in_most_seeds() {
            double truth = Usl.throughput(1000, 0.05, 0.002, 12);
            int covered = 0;
            for (long seed = 0; seed < 100; seed++) {
                List<Observation> data = Synthetic.trials(5000 + seed, THREADS, 5, 0.03,
                        n -> Usl.throughput(1000, 0.05, 0.002, n));
                UslBand band = Usl.fit(data).bootstrap(200, seed, new double[] {12}, 0.95);
                assertThat(band.upper()[0] - band.lower()[0]).as("band width, seed %d", seed)
                        .isPositive().isLessThan(0.15 * truth);
                if (band.lower()[0] <= truth && truth <= band.upper()[0]) {
                    covered++;
                }
            }
            assertThat(covered).isGreaterThanOrEqualTo(85);
        }

        @Test
        void same_seed_gives_the_same_band() {
            List<Observation> data = Synthetic.trials(7, THREADS, 4, 0.03, n -> Usl.throughput(1000, 0.05, 0.002, n));
            UslFit fit = Usl.fit(data);
            UslBand a = fit.bootstrap(50, 42L);
            UslBand b = fit.bootstrap(50, 42L);
            assertThat(a.lower()).containsExactly(b.lower());
            assertThat(a.upper()).containsExactly(b.upper());
            assertThat(a.seed()).isEqualTo(42L);
            assertThat(a.n()[0]).isEqualTo(1.0);
            assertThat(a.n()[a.n().length - 1]).isEqualTo(32.0);
            for (int i = 0; i < a.n().length; i++) {
                assertThat(a.lower()[i]).isLessThanOrEqualTo(fit.predict(a.n()[i]) * 1.001);
                assertThat(a.upper()[i]).isGreaterThanOrEqualTo(fit.predict(a.n()[i]) * 0.999);
            }
        }

        @Test
        void refuses_too_few_resamples() {
            UslFit fit = Usl.fit(Synthetic.trials(7, THREADS, 3, 0.03, n -> Usl.throughput(1000, 0.05, 0.002, n)));
            assertThatThrownBy(() -> fit.bootstrap(5, 1L)).hasMessageContaining(">= 20 resamples");
        }
    }
}
