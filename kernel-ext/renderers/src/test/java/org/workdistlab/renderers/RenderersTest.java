package org.workdistlab.renderers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.PieChartBuilder;
import org.knowm.xchart.XYChartBuilder;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.display.Renderers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void servicesAreFoundThroughTheRendererServiceFile() {
        var all = Renderers.load(getClass().getClassLoader()).all();
        assertThat(all).anyMatch(r -> r instanceof XChartRenderer).anyMatch(r -> r instanceof TablesawRenderer);
    }

    @Test
    void xyChartBecomesAPngOfTheChartsSize() {
        var chart = new XYChartBuilder().width(320).height(200).title("speedup").build();
        chart.addSeries("measured", new double[] {1, 2, 4}, new double[] {1, 1.8, 3.1});

        MimeBundle bundle = Renderers.load(getClass().getClassLoader()).render(chart);

        byte[] png = Base64.getDecoder().decode(bundle.data().get(MimeBundle.PNG));
        assertThat(png).startsWith(PNG_MAGIC);
        assertThat(bundle.metadata().get(MimeBundle.PNG)).isEqualTo(Map.of("width", 320, "height", 200));
        assertThat(bundle.plainText()).contains("XYChart").contains("speedup").contains("320x200");
        // IHDR width and height, big-endian at bytes 16..23
        assertThat(((png[16] & 0xff) << 24) | ((png[17] & 0xff) << 16) | ((png[18] & 0xff) << 8) | (png[19] & 0xff))
                .isEqualTo(320);
    }

    @Test
    void everyChartKindIsAccepted() {
        var renderer = new XChartRenderer();
        assertThat(renderer.accepts(new PieChartBuilder().build())).isTrue();
        assertThat(renderer.accepts("not a chart")).isFalse();
    }

    @Test
    void smallTableBecomesHtmlAndAlignedText() {
        var table = Table.create("runs",
                IntColumn.create("threads", 1, 2, 4),
                DoubleColumn.create("seconds", 8.0, 4.3, 2.5),
                StringColumn.create("note", "base", "<fast>", "x&y"));

        MimeBundle bundle = new TablesawRenderer().render(table);

        String html = bundle.data().get(MimeBundle.HTML);
        assertThat(html).contains("<table").contains("threads").contains("4.3").contains("&lt;fast&gt;")
                .doesNotContain("<fast>").contains("3 rows, 3 columns");
        assertThat(bundle.plainText()).contains("threads").contains("seconds").contains("2.5");
        assertThat(new TablesawRenderer().accepts(table)).isTrue();
        assertThat(new TablesawRenderer().accepts(42)).isFalse();
    }

    @Test
    void hugeTableShowsOnlyItsEdgesAndSaysSo() {
        int n = 100_000;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        var table = Table.create("big", IntColumn.create("id", ids));

        MimeBundle bundle = new TablesawRenderer().render(table);

        String html = bundle.data().get(MimeBundle.HTML);
        assertThat(html).contains(">0<").contains(">19<").contains(">99999<").contains(">99980<")
                .doesNotContain(">20<").doesNotContain(">50000<").contains("99960 rows in between left out");
        assertThat(html.length()).isLessThan(20_000);
        assertThat(bundle.plainText()).contains("99960 rows in between left out").hasSizeLessThan(20_000);
    }
}
