package org.workdistlab.renderers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.display.Renderer;

/**
 * Any XChart chart ({@code XYChart}, {@code CategoryChart}, {@code PieChart}, ...) as {@code image/png} at the
 * chart's own size, with {@code width}/{@code height} metadata and a one-line {@code text/plain} description.
 * Drawing needs no display: run the JVM with {@code -Djava.awt.headless=true}.
 */
public final class XChartRenderer implements Renderer {

    static final String CHART_CLASS = "org.knowm.xchart.internal.chartpart.Chart";

    @Override
    public boolean accepts(Object value) {
        return ClassNames.isA(value, CHART_CLASS);
    }

    @Override
    public MimeBundle render(Object value) {
        var chart = (Chart<?, ?>) value;
        byte[] png;
        try {
            png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode the chart as PNG", e);
        }
        String title = chart.getTitle() == null || chart.getTitle().isBlank() ? "" : " \"" + chart.getTitle() + "\"";
        var base = MimeBundle.png(png, value.getClass().getSimpleName() + title + " (" + chart.getWidth() + "x"
                + chart.getHeight() + " PNG)");
        return new MimeBundle(base.data(),
                Map.of(MimeBundle.PNG, Map.of("width", chart.getWidth(), "height", chart.getHeight())));
    }

    @Override
    public int priority() {
        return 10;
    }
}
