package org.workdistlab.lab.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.workdistlab.lab.models.Amdahl;
import org.workdistlab.lab.models.Observation;
import org.workdistlab.lab.models.Usl;
import tech.tablesaw.api.Table;

class TablesTest {

    final List<Observation> trials = List.of(new Observation(1, 100), new Observation(1, 110), new Observation(1, 90),
            new Observation(2, 180), new Observation(2, 200), new Observation(4, 300), new Observation(8, 380));

    @Test
    void summary_has_one_row_per_thread_count_with_median_and_range() {
        Table t = Tables.summary("run", trials);
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.intColumn("threads").asList()).containsExactly(1, 2, 4, 8);
        assertThat(t.intColumn("trials").asList()).containsExactly(3, 2, 1, 1);
        assertThat(t.doubleColumn("median").get(0)).isEqualTo(100.0);
        assertThat(t.doubleColumn("median").get(1)).isEqualTo(190.0);
        assertThat(t.doubleColumn("spread").get(0)).isCloseTo(0.2, within(1e-12));
        assertThat(t.print()).contains("threads").contains("median");
    }

    @Test
    void karp_flatt_and_usl_residual_tables() {
        Table kf = Tables.karpFlatt("e", Amdahl.karpFlatt(List.of(new Observation(1, 1), new Observation(4, 3))));
        assertThat(kf.doubleColumn("karp-flatt e").get(0)).isCloseTo(1.0 / 9, within(1e-12));

        var exact = IntStream.of(1, 2, 4, 8, 16)
                .mapToObj(n -> new Observation(n, Usl.throughput(100, 0.1, 0.01, n))).toList();
        Table r = Tables.uslResiduals("usl", Usl.fit(exact));
        assertThat(r.rowCount()).isEqualTo(5);
        for (double residual : r.doubleColumn("residual").asDoubleArray()) {
            assertThat(residual).isCloseTo(0.0, within(1e-6));
        }
    }

    @Test
    void load_table_reports_max_over_mean() {
        var load = new LinkedHashMap<String, long[]>();
        load.put("even", new long[] {10, 10, 10, 10});
        load.put("skewed", new long[] {40, 0, 0, 0});
        Table t = Tables.perWorkerLoad("load", load);
        assertThat(t.doubleColumn("max/mean").asList()).containsExactly(1.0, 4.0);
    }

    @Test
    void percentile_table_matches_the_chart() {
        var samples = new LinkedHashMap<String, double[]>();
        samples.put("a", IntStream.rangeClosed(1, 1000).asDoubleStream().toArray());
        Table t = Tables.percentiles("lat", "ms", samples);
        assertThat(t.columnNames()).contains("p99 (ms)", "p99.9 (ms)");
        assertThat(t.doubleColumn("p99 (ms)").get(0)).isEqualTo(990.0);
        assertThat(t.intColumn("samples").get(0)).isEqualTo(1000);
    }

    @Test
    void series_in_long_form() {
        Table t = Tables.series("s", List.of(new Series("a", new double[] {1, 2}, new double[] {3, 4}),
                new Series("b", new double[] {5}, new double[] {6})));
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.stringColumn("series").asList()).containsExactly("a", "a", "b");
    }
}
