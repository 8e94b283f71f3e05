package org.workdistlab.lab.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.workdistlab.display.Display;
import org.workdistlab.display.DisplayBackend;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.display.Renderers;
import org.workdistlab.lab.charts.Charts;

/** In a notebook, progress is one output replaced in place; results render as HTML and chart. */
class ProgressDisplayTest {

    /** A notebook-like backend that records what was published. */
    static final class RecordingBackend implements DisplayBackend {
        record Published(MimeBundle bundle, String id, boolean update) {
        }

        final List<Published> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(MimeBundle bundle, String displayId, boolean update) {
            published.add(new Published(bundle, displayId, update));
        }

        @Override
        public void clearOutput(boolean wait) {
        }

        @Override
        public boolean isRich() {
            return true;
        }
    }

    private DisplayBackend previous;
    private final RecordingBackend backend = new RecordingBackend();

    @BeforeEach
    void install() {
        previous = Display.backend();
        Display.install(backend, Renderers.load(getClass().getClassLoader()));
    }

    @AfterEach
    void restore() {
        Display.install(previous, Renderers.load(getClass().getClassLoader()));
    }

    @Test
    void inANotebookProgressIsOneOutputUpdatedInPlace() {
        var r = Experiment.named("rich").workload(new RecordingWorkload()).threads(1, 2).warmups(1).trials(2)
                .trialLength(Duration.ofMillis(30)).run();
        var p = backend.published;
        // start, 2 warm-ups, 4 trials, done: one new output, then seven in-place updates of it
        assertThat(p).hasSize(8);
        assertThat(p.get(0).update()).isFalse();
        assertThat(p.subList(1, p.size())).allSatisfy(x -> {
            assertThat(x.update()).isTrue();
            assertThat(x.id()).isEqualTo(p.get(0).id());
        });
        assertThat(p.get(4).bundle().data().get(MimeBundle.HTML)).contains("<progress value='4' max='6'");
        assertThat(p.get(7).bundle().plainText()).startsWith("done: 4 trials");

        var bundle = Display.render(r);
        assertThat(bundle.data().get(MimeBundle.HTML)).contains("<table>").contains("speedup");
        assertThat(bundle.plainText()).isEqualTo(r.toString());
    }

    @Test
    void theResultDrawsItsSpeedupChart() {
        var r = Experiment.named("chart").workload(new RecordingWorkload()).threads(1, 2).warmups(0).trials(2)
                .trialLength(Duration.ofMillis(30)).quiet().run();
        XYChart chart = r.chart();
        assertThat(chart.getSeriesMap()).containsKey(Charts.MEASURED);
        assertThat(chart.getTitle()).startsWith("chart [CPU_BOUND]");
        var load = r.loadChart(2);
        assertThat(load.getSeriesMap()).hasSize(2); // one bar series per trial at 2 threads
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.loadChart(3)).hasMessageContaining("measured: [1, 2]");
    }
}
