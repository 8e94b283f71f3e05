package org.workdistlab.grader.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasureTest {

    @Test
    void bandsGiveFullPartialAndNoPointsAtTheirEdges() {
        var bands = Measure.Bands.DEFAULT;

        assertThat(bands.points(0.5, 10)).isEqualTo(10);
        assertThat(bands.points(1.5, 10)).isEqualTo(10);
        assertThat(bands.points(1.51, 10)).isEqualTo(9);
        assertThat(bands.points(3.25, 10)).isEqualTo(5);
        assertThat(bands.points(4.99, 10)).isEqualTo(1);
        assertThat(bands.points(5.01, 10)).isZero();
        assertThat(bands.points(2.0, 1)).as("a 1-point check has no partial credit").isZero();
        assertThat(Measure.band(1.2, 1.5, 5)).isEqualTo(Measure.Band.FULL);
        assertThat(Measure.band(7, 1.5, 5)).isEqualTo(Measure.Band.NONE);
    }

    @Test
    void badBandsAreRejectedNamingTheValues() {
        assertThatThrownBy(() -> new Measure.Bands(2, 1.5)).hasMessageContaining("2.0, 1.5");
    }

    @Test
    void alternatingWarmsUpThenAlternatesTheOrderInPairs() {
        var order = new ArrayList<String>();
        var cmp = Measure.alternating(() -> order.add("L"), () -> order.add("R"), 2, 4);

        assertThat(order).containsExactly("L", "R", "L", "R", "L", "R", "R", "L", "L", "R", "R", "L");
        assertThat(cmp.learnerRuns()).hasSize(4);
        assertThat(cmp.referenceRuns()).hasSize(4);
    }

    @Test
    void theRatioIsLearnerMedianOverReferenceMedian() {
        var cmp = new Measure.Comparison(List.of(ms(30), ms(10), ms(20)), List.of(ms(5), ms(100), ms(10)));

        assertThat(cmp.learnerMedian()).isEqualTo(ms(20));
        assertThat(cmp.referenceMedian()).isEqualTo(ms(10));
        assertThat(cmp.ratio()).isEqualTo(2.0);
        assertThat(cmp.describe("your ring", "lookups/s", 1_000_000))
                .startsWith("your ring: 50.0 M lookups/s; reference: 100.0 M lookups/s on ")
                .endsWith("(2.00x the reference's time)");
    }

    @Test
    void reportCallsOutsideTheForkAreHarmless() {
        Report.measurement("n", 3);
        Report.partial(1, "why");
        assertThat(Report.maxPoints()).isZero();
    }

    private static Duration ms(long m) {
        return Duration.ofMillis(m);
    }
}
