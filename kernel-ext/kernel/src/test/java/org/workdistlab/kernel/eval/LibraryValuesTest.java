package org.workdistlab.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator.Outcome;

/**
 * Values of the course's libraries, returned by cells, reach the renderers module's renderers (found through
 * {@code META-INF/services} on the kernel's class path) as real objects.
 */
class LibraryValuesTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("java.awt.headless", "true");
        evaluator = JShellEvaluator.start(JShellEvaluator.Options.builder()
                .classPath(jarOf("org.knowm.xchart.XYChart"), jarOf("tech.tablesaw.api.Table"))
                .build());
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Path jarOf(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void anXChartChartIsShownAsPng() {
        var outcome = evaluator.execute("""
                var chart = new org.knowm.xchart.XYChartBuilder().width(300).height(200).title("speedup").build();
                chart.addSeries("measured", new double[] {1, 2, 4}, new double[] {1, 1.9, 3.2});
                chart
                """, new RecordingOutput());
        var bundle = ((Outcome.Ok) outcome).value().orElseThrow();
        byte[] png = Base64.getDecoder().decode(bundle.data().get(MimeBundle.PNG));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(bundle.plainText()).contains("speedup");
    }

    @Test
    void aTablesawTableIsShownAsHtmlAndText() {
        var outcome = evaluator.execute("""
                tech.tablesaw.api.Table.create("runs",
                    tech.tablesaw.api.IntColumn.create("threads", 1, 2, 4),
                    tech.tablesaw.api.DoubleColumn.create("seconds", 8.0, 4.1, 2.2))
                """, new RecordingOutput());
        var bundle = ((Outcome.Ok) outcome).value().orElseThrow();
        assertThat(bundle.data().get(MimeBundle.HTML)).contains("<table").contains("threads").contains("4.1");
        assertThat(bundle.plainText()).contains("seconds").contains("2.2");
    }
}
