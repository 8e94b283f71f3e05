package org.workdistlab.lab.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.workdistlab.lab.models.Observation;
import org.workdistlab.lab.models.Usl;

class ChartsTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Five trials at each thread count, spread +-2 % and +-1 % around a USL curve, no randomness needed. */
    static List<Observation> throughput(int... threads) {
        var out = new ArrayList<Observation>();
        for (int n : threads) {
            double x = Usl.throughput(500, 0.05, 0.002, n);
            for (double f : new double[] {0.98, 0.99, 1.0, 1.01, 1.02}) {
                out.add(new Observation(n, x * f));
            }
        }
        return out;
    }

    static List<Object> labels(java.util.Collection<?> xs) {
        return new ArrayList<>(xs);
    }

    static double[] values(java.util.Collection<? extends Number> ys) {
        return ys.stream().mapToDouble(Number::doubleValue).toArray();
    }

    static BufferedImage png(Chart<?, ?> chart) throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        assertThat(bytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Nested
    class Speedup {
        @Test
        void draws_measured_spread_ideal_and_both_fits() throws IOException {
            XYChart chart = Charts.speedup("Summing an array", "2 CPUs, JDK 17", throughput(1, 2, 4, 8, 16));
            Map<String, XYSeries> series = chart.getSeriesMap();
            assertThat(series.keySet()).hasSize(5).contains(Charts.IDEAL, Charts.SPREAD, Charts.MEASURED);
            assertThat(series.keySet()).anySatisfy(k -> assertThat(k).startsWith(Charts.AMDAHL_PREFIX));
            assertThat(series.keySet()).anySatisfy(k -> assertThat(k).startsWith(Charts.USL_PREFIX).contains("sigma"));

            XYSeries measured = series.get(Charts.MEASURED);
            assertThat(measured.getXData()).containsExactly(1, 2, 4, 8, 16);
            assertThat(measured.getYData()[0]).isEqualTo(1.0);
            assertThat(measured.getYData()[4]).isCloseTo(Usl.speedup(0.05, 0.002, 16), within(1e-9));
            // the whisker runs from the smallest to the largest trial: centre +- half the range
            XYSeries spread = series.get(Charts.SPREAD);
            double[] mid = spread.getYData();
            double[] half = spread.getExtraValues();
            assertThat(mid[4] - half[4]).isCloseTo(0.98 * Usl.speedup(0.05, 0.002, 16), within(1e-9));
            assertThat(mid[4] + half[4]).isCloseTo(1.02 * Usl.speedup(0.05, 0.002, 16), within(1e-9));

            assertThat(chart.getTitle()).isEqualTo("Summing an array");
            assertThat(chart.getXAxisTitle()).isEqualTo("threads (N)");
            assertThat(chart.getYAxisTitle()).isEqualTo("speedup vs 1 thread");
            BufferedImage image = png(chart);
            assertThat(image.getWidth()).isEqualTo(720);
            assertThat(image.getHeight()).isEqualTo(420);
        }

        @Test
        void the_usl_curve_goes_through_noise_free_points() {
            XYChart chart = Charts.speedup("t", "m", throughput(1, 2, 4, 8, 16, 32));
            XYSeries usl = chart.getSeriesMap().values().stream()
                    .filter(s -> s.getName().startsWith(Charts.USL_PREFIX)).findFirst().orElseThrow();
            double[] x = usl.getXData();
            double[] y = usl.getYData();
            assertThat(x[0]).isEqualTo(1.0);
            assertThat(x[x.length - 1]).isEqualTo(32.0);
            // the trials are symmetric around the truth, so the fit is the truth
            assertThat(y[y.length - 1]).isCloseTo(Usl.speedup(0.05, 0.002, 32), within(1e-4));
        }

        @Test
        void fits_nothing_below_four_thread_counts_and_says_so() throws IOException {
            XYChart chart = Charts.speedup("Quick look", "m", throughput(1, 2, 4));
            assertThat(chart.getSeriesMap().keySet()).containsExactlyInAnyOrder(Charts.IDEAL, Charts.SPREAD,
                    Charts.MEASURED);
            assertThat(chart.getTitle()).contains("no model fit: 3 thread counts, need 4");
            png(chart);
        }

        @Test
        void needs_a_one_thread_baseline() {
            assertThatThrownBy(() -> Charts.speedup("t", "m", throughput(2, 4, 8, 16)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no 1-thread trial");
        }
    }

    @Nested
    class KarpFlattAndUslBand {
        @Test
        void karp_flatt_chart_has_one_point_per_thread_count_above_one() throws IOException {
            XYChart chart = Charts.karpFlatt("e", "m", throughput(1, 2, 4, 8, 16));
            XYSeries e = chart.getSeriesMap().get(Charts.KARP_FLATT);
            assertThat(e.getXData()).containsExactly(2, 4, 8, 16);
            // USL data with kappa > 0: the experimentally determined serial fraction rises with N
            double[] y = e.getYData();
            for (int i = 1; i < y.length; i++) {
                assertThat(y[i]).isGreaterThan(y[i - 1]);
            }
            assertThat(chart.getSeriesMap().keySet()).anySatisfy(k -> assertThat(k).startsWith(Charts.AMDAHL_PREFIX));
            assertThat(chart.getYAxisTitle()).contains("serial fraction");
            png(chart);
        }

        @Test
        void karp_flatt_needs_more_than_one_thread() {
            assertThatThrownBy(() -> Charts.karpFlatt("e", "m", throughput(1)))
                    .hasMessageContaining("above 1");
        }

        @Test
        void usl_chart_shows_every_trial_the_fit_and_the_band() throws IOException {
            var fit = Usl.fit(throughput(1, 2, 4, 8, 16, 32));
            var band = fit.bootstrap(40, 7L);
            XYChart chart = Charts.usl("USL", "m", fit, band);
            Map<String, XYSeries> series = chart.getSeriesMap();
            assertThat(series.get(Charts.TRIALS).getXData()).hasSize(30);
            assertThat(series.get(Charts.BAND_UPPER).getYData()).containsExactly(band.upper());
            assertThat(series.keySet()).anySatisfy(k -> assertThat(k).startsWith(Charts.BAND).contains("seed 7"));
            assertThat(series.keySet()).anySatisfy(k -> assertThat(k).startsWith(Charts.USL_PREFIX));
            assertThat(chart.getYAxisTitle()).isEqualTo("throughput");
            png(chart);
        }
    }

    @Nested
    class LinesAndTimeSeries {
        final List<Series> series = List.of(
                new Series("no backoff", new double[] {0, 1, 2, 3}, new double[] {100, 5, 90, 7}),
                new Series("full jitter", new double[] {0, 1, 2}, new double[] {40, 30, 20}));

        @Test
        void time_series_keeps_names_points_and_axis_titles() throws IOException {
            XYChart chart = Charts.timeSeries("Herd", "seed 42", "time slot", "requests", series);
            assertThat(chart.getSeriesMap().keySet()).containsExactly("no backoff", "full jitter");
            assertThat(chart.getSeriesMap().get("no backoff").getYData()).containsExactly(100, 5, 90, 7);
            assertThat(chart.getSeriesMap().get("full jitter").getXData()).hasSize(3);
            assertThat(chart.getXAxisTitle()).isEqualTo("time slot");
            assertThat(chart.getYAxisTitle()).isEqualTo("requests");
            png(chart);
        }

        @Test
        void lines_keep_names_and_points() throws IOException {
            XYChart chart = Charts.lines("Pool size", "m", "threads", "tasks/s", series);
            assertThat(chart.getSeriesMap()).hasSize(2);
            assertThat(chart.getSeriesMap().get("full jitter").getYData()).containsExactly(40, 30, 20);
            png(chart);
        }

        @Test
        void refuse_no_series() {
            assertThatThrownBy(() -> Charts.lines("t", "s", "x", "y", List.of())).hasMessageContaining("no series");
        }

        @Test
        void series_of_unequal_length_are_refused_with_their_name() {
            assertThatThrownBy(() -> new Series("broken", new double[] {1, 2}, new double[] {1}))
                    .hasMessageContaining("'broken'")
                    .hasMessageContaining("x has 2 values but y has 1");
        }

        @Test
        void series_copy_their_arrays() {
            double[] y = {1, 2};
            Series s = new Series("s", new double[] {0, 1}, y);
            y[0] = 99;
            assertThat(s.y()).containsExactly(1, 2);
        }
    }

    @Nested
    class PerWorkerLoad {
        @Test
        void one_bar_series_per_strategy_and_one_group_per_worker() throws IOException {
            var load = new LinkedHashMap<String, long[]>();
            load.put("hash % n", new long[] {250, 260, 240, 250});
            load.put("ring, 150 vnodes", new long[] {240, 270, 230, 260});
            CategoryChart chart = Charts.perWorkerLoad("Load per worker", "seed 1", load);
            Map<String, CategorySeries> series = chart.getSeriesMap();
            assertThat(series.keySet()).containsExactly("hash % n", "ring, 150 vnodes");
            assertThat(labels(series.get("hash % n").getXData())).containsExactly("0", "1", "2", "3");
            assertThat(values(series.get("ring, 150 vnodes").getYData())).containsExactly(240, 270, 230, 260);
            assertThat(chart.getXAxisTitle()).isEqualTo("worker");
            assertThat(chart.getYAxisTitle()).isNotBlank();
            png(chart);
        }

        @Test
        void refuses_strategies_over_different_worker_counts() {
            var load = new LinkedHashMap<String, long[]>();
            load.put("a", new long[] {1, 2, 3});
            load.put("b", new long[] {1, 2});
            assertThatThrownBy(() -> Charts.perWorkerLoad("t", "s", load))
                    .hasMessageContaining("'b' has 2 workers but another has 3");
        }
    }

    @Nested
    class Percentiles {
        @Test
        void nearest_rank_percentiles_grouped_by_percentile() throws IOException {
            double[] oneToThousand = IntStream.rangeClosed(1, 1000).asDoubleStream().toArray();
            var samples = new LinkedHashMap<String, double[]>();
            samples.put("one FIFO", oneToThousand);
            samples.put("stealing", new double[] {5});
            CategoryChart chart = Charts.percentiles("Fast requests", "seed 42", "ms", samples);
            CategorySeries fifo = chart.getSeriesMap().get("one FIFO");
            assertThat(labels(fifo.getXData())).containsExactly("p50", "p90", "p99", "p99.9");
            assertThat(values(fifo.getYData())).containsExactly(500.0, 900.0, 990.0, 999.0);
            assertThat(values(chart.getSeriesMap().get("stealing").getYData())).containsExactly(5.0, 5.0, 5.0, 5.0);
            assertThat(chart.getYAxisTitle()).contains("ms");
            png(chart);
        }

        @Test
        void refuses_an_empty_sample() {
            assertThatThrownBy(() -> Charts.percentiles("t", "s", "ms", Map.of("empty", new double[0])))
                    .hasMessageContaining("'empty' has no samples");
        }
    }

    @Nested
    class Subtitle {
        static final int WIDTH = 696;

        @Test
        void a_short_subtitle_stays_one_line_in_the_normal_font() {
            SubtitleLayout layout = SubtitleLayout.of("2 CPUs, JDK 17, 2026-11-28", WIDTH);
            assertThat(layout.lines()).containsExactly("2 CPUs, JDK 17, 2026-11-28");
            assertThat(layout.font().getSize()).isEqualTo(12);
        }

        @Test
        void a_machine_description_wraps_onto_two_lines_that_fit() {
            String machine = "2 CPUs, OpenJDK 64-Bit Server VM 17.0.15+6-Debian-1deb12u1, heap 4.2 GB,"
                    + " Linux 6.1.0-28-amd64 amd64, 2026-11-28T04:20:11Z; seed 42";
            SubtitleLayout layout = SubtitleLayout.of(machine, WIDTH);
            assertThat(layout.lines()).hasSize(2);
            assertThat(String.join(" ", layout.lines())).isEqualTo(machine);
            for (String line : layout.lines()) {
                assertThat(SubtitleLayout.width(line, layout.font())).isLessThanOrEqualTo(WIDTH);
            }
        }

        @Test
        void text_too_long_for_two_lines_is_shortened_with_an_ellipsis() {
            SubtitleLayout layout = SubtitleLayout.of("x".repeat(600), WIDTH);
            assertThat(layout.lines()).allSatisfy(line -> {
                assertThat(line).endsWith("\u2026");
                assertThat(SubtitleLayout.width(line, layout.font())).isLessThanOrEqualTo(WIDTH);
            });
        }

        @Test
        void a_chart_with_a_long_subtitle_still_encodes() throws IOException {
            XYChart chart = Charts.lines("t", "a, ".repeat(100), "x", "y",
                    List.of(new Series("s", new double[] {1, 2}, new double[] {1, 2})));
            png(chart);
        }
    }
}
