package org.workdistlab.lab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.workdistlab.lab.models.Amdahl;
import org.workdistlab.lab.models.AmdahlFit;
import org.workdistlab.lab.models.KarpFlatt;
import org.workdistlab.lab.models.Observation;
import org.workdistlab.lab.models.PointSummary;
import org.workdistlab.lab.models.Speedups;
import org.workdistlab.lab.models.Usl;
import org.workdistlab.lab.models.UslBand;
import org.workdistlab.lab.models.UslFit;

/**
 * One-call charts in one house style (720x420, white, Okabe-Ito colours). They return plain XChart objects: the
 * kernel renders them as PNG, and in plain Java {@code BitmapEncoder.saveBitmap(chart, "speedup", PNG)} saves one.
 *
 * <pre>{@code
 * XYChart c = Charts.speedup("Summing an array", machine.toString(), result.throughput());
 * CategoryChart p = Charts.percentiles("Fast requests", "seed 42", "ms", Map.of("one FIFO", a, "stealing", b));
 * }</pre>
 */
public final class Charts {
    /** Series names of {@link #speedup}, so callers and tests can find them. */
    public static final String MEASURED = "measured median, bars: min-max of trials";
    /** The min-max whiskers; drawn, but not listed in the legend (the measured entry explains them). */
    public static final String SPREAD = "min-max of trials";
    public static final String IDEAL = "ideal (linear)";
    public static final String AMDAHL_PREFIX = "Amdahl fit";
    public static final String USL_PREFIX = "USL fit";

    /** Series names of {@link #karpFlatt} and {@link #usl}. */
    public static final String KARP_FLATT = "Karp-Flatt e (median speedup)";
    public static final String TRIALS = "trials";
    /** Prefix of the band's lower curve, which carries the band's legend entry (level, resamples, seed). */
    public static final String BAND = "bootstrap band";
    public static final String BAND_UPPER = "bootstrap band, upper";

    /** The percentiles drawn by {@link #percentiles}, as fractions and as axis labels. */
    static final double[] PERCENTILES = {0.50, 0.90, 0.99, 0.999};
    static final List<String> PERCENTILE_LABELS = List.of("p50", "p90", "p99", "p99.9");

    private static final int CURVE_POINTS = 80;

    private Charts() {
    }

    /**
     * Speedup against the median one-thread throughput: the median of the trials per thread count with their
     * min-max range, the ideal linear line, and, from at least {@value Usl#MIN_THREAD_COUNTS} distinct thread
     * counts, the fitted Amdahl and USL curves (both are models; their parameters are in the legend). With fewer
     * thread counts nothing is fitted and the title says so.
     *
     * @param throughput one observation per trial (work units per second), including 1-thread trials
     */
    public static XYChart speedup(String title, String subtitle, List<Observation> throughput) {
        List<Observation> speedups = Speedups.fromThroughput(throughput);
        double baseline = Speedups.baseline(throughput);
        List<PointSummary> points = PointSummary.byThreads(speedups);
        boolean fit = points.size() >= Usl.MIN_THREAD_COUNTS;
        String shownTitle = fit ? title
                : title + " (no model fit: " + points.size() + " thread count" + (points.size() == 1 ? "" : "s")
                + ", need " + Usl.MIN_THREAD_COUNTS + ")";
        XYChart chart = xy(shownTitle, subtitle, "threads (N)", "speedup vs 1 thread");
        int nMax = points.get(points.size() - 1).threads();

        double[] n = points.stream().mapToDouble(PointSummary::threads).toArray();
        double[] median = points.stream().mapToDouble(PointSummary::median).toArray();
        double[] mid = points.stream().mapToDouble(p -> (p.min() + p.max()) / 2).toArray();
        double[] halfRange = points.stream().mapToDouble(p -> (p.max() - p.min()) / 2).toArray();

        double[] grid = grid(1, nMax);
        double yMax = points.stream().mapToDouble(PointSummary::max).max().orElse(1);
        String amdahlName = null;
        String uslName = null;
        double[] amdahlCurve = null;
        double[] uslCurve = null;
        if (fit) {
            AmdahlFit amdahl = Amdahl.fit(speedups);
            amdahlName = String.format("%s, serial fraction %.3f", AMDAHL_PREFIX, amdahl.serialFraction());
            amdahlCurve = map(grid, amdahl::predict);
            UslFit usl = Usl.fit(throughput);
            double nStar = usl.peakConcurrency();
            String peak = Double.isInfinite(nStar) ? "no peak" : String.format("peak N* %.3g", nStar);
            uslName = String.format("%s, sigma %.3g, kappa %.3g, %s", USL_PREFIX, usl.sigma(), usl.kappa(), peak);
            uslCurve = map(grid, x -> usl.predict(x) / baseline);
            yMax = Math.max(yMax, Math.max(Arrays.stream(amdahlCurve).max().orElse(1),
                    Arrays.stream(uslCurve).max().orElse(1)));
        }
        // keep the measured curve readable: the ideal line stops at the top instead of squashing the data
        double yTop = Math.max(yMax * 1.05, Math.min(nMax * 1.05, yMax * 1.5));
        double idealEnd = Math.min(nMax, yTop);

        XYSeries ideal = chart.addSeries(IDEAL, new double[] {1, idealEnd}, new double[] {1, idealEnd});
        ideal.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineColor(new Color(0x999999));
        ideal.setLineStyle(dashed());

        // XChart draws only symmetric error bars, so the min-max whisker is centred on the middle of the range
        XYSeries spread = chart.addSeries(SPREAD, n, mid, halfRange);
        spread.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        spread.setMarker(SeriesMarkers.NONE);
        spread.setMarkerColor(HouseStyle.PALETTE[0]);
        spread.setLineColor(HouseStyle.PALETTE[0]);
        spread.setShowInLegend(false);

        XYSeries measured = chart.addSeries(MEASURED, n, median);
        measured.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        measured.setMarker(SeriesMarkers.CIRCLE);
        measured.setMarkerColor(HouseStyle.PALETTE[0]);

        if (fit) {
            curve(chart.addSeries(amdahlName, grid, amdahlCurve), HouseStyle.PALETTE[1]);
            curve(chart.addSeries(uslName, grid, uslCurve), HouseStyle.PALETTE[2]);
        }
        chart.getStyler().setYAxisMax(yTop);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        return chart;
    }

    /**
     * The Karp-Flatt metric e per thread count (from the median speedup against the one-thread median) with the
     * Amdahl fit's serial fraction as a flat reference. A flat e is what a fixed serial part gives; an e that rises
     * with N points to coordination costs that grow with the thread count.
     *
     * @param throughput one observation per trial, including 1-thread trials and at least one other count
     */
    public static XYChart karpFlatt(String title, String subtitle, List<Observation> throughput) {
        List<Observation> speedups = Speedups.fromThroughput(throughput);
        List<KarpFlatt> e = Amdahl.karpFlatt(speedups);
        if (e.isEmpty()) {
            throw new IllegalArgumentException("Karp-Flatt needs trials at a thread count above 1; only 1 was measured");
        }
        XYChart chart = xy(title, subtitle, "threads (N)", "experimental serial fraction e");
        double[] n = e.stream().mapToDouble(KarpFlatt::threads).toArray();
        XYSeries points = chart.addSeries(KARP_FLATT, n, e.stream().mapToDouble(KarpFlatt::serialFraction).toArray());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        points.setLineColor(HouseStyle.PALETTE[0]);
        points.setMarkerColor(HouseStyle.PALETTE[0]);
        double s = Amdahl.fit(speedups).serialFraction();
        XYSeries flat = chart.addSeries(String.format("%s, serial fraction %.3f", AMDAHL_PREFIX, s),
                new double[] {n[0], n[n.length - 1]}, new double[] {s, s});
        curve(flat, HouseStyle.PALETTE[1]);
        flat.setLineStyle(dashed());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return chart;
    }

    /**
     * Throughput against thread count: every trial, the fitted USL curve and its bootstrap band (the band's lower
     * and upper curves as thin lines; XChart cannot fill between two curves).
     */
    public static XYChart usl(String title, String subtitle, UslFit fit, UslBand band) {
        XYChart chart = xy(title, subtitle, "threads (N)", fit.relative() ? "speedup vs 1 thread" : "throughput");
        List<Observation> data = fit.data();
        XYSeries trials = chart.addSeries(TRIALS, data.stream().mapToDouble(Observation::threads).toArray(),
                data.stream().mapToDouble(Observation::value).toArray());
        trials.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        trials.setMarker(SeriesMarkers.CIRCLE);
        trials.setMarkerColor(HouseStyle.PALETTE[0]);
        double[] grid = band.n();
        double nStar = fit.peakConcurrency();
        String peak = Double.isInfinite(nStar) ? "no peak" : String.format("peak N* %.3g", nStar);
        curve(chart.addSeries(String.format("%s, sigma %.3g, kappa %.3g, %s", USL_PREFIX, fit.sigma(), fit.kappa(),
                peak), grid, map(grid, fit::predict)), HouseStyle.PALETTE[2]);
        String level = String.format(" %.0f%% (%d resamples, seed %d)", band.level() * 100, band.resamples(),
                band.seed());
        XYSeries lower = chart.addSeries(BAND + level, grid, band.lower());
        XYSeries upper = chart.addSeries(BAND_UPPER, grid, band.upper());
        for (XYSeries b : List.of(lower, upper)) {
            curve(b, HouseStyle.PALETTE[2]);
            b.setLineWidth(1f);
            b.setLineStyle(dashed());
        }
        upper.setShowInLegend(false);
        // a throughput curve rises from the origin, so the lower right is the emptiest corner
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    /** Values over time, one line per series, no markers (time series are dense). */
    public static XYChart timeSeries(String title, String subtitle, String xLabel, String yLabel,
                                     List<Series> series) {
        XYChart chart = xy(title, subtitle, xLabel, yLabel);
        addAll(chart, series, false);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return chart;
    }

    /**
     * Load per worker: one bar group per worker, one bar series per strategy (e.g. "hash % n", "ring, 150 vnodes").
     * All strategies must count the same workers.
     */
    public static CategoryChart perWorkerLoad(String title, String subtitle, Map<String, long[]> loadByStrategy) {
        if (loadByStrategy == null || loadByStrategy.isEmpty()) {
            throw new IllegalArgumentException("no strategies: pass a map from strategy name to load per worker");
        }
        int workers = -1;
        for (var e : loadByStrategy.entrySet()) {
            if (workers >= 0 && e.getValue().length != workers) {
                throw new IllegalArgumentException("strategy '" + e.getKey() + "' has " + e.getValue().length
                        + " workers but another has " + workers + "; compare strategies over the same workers");
            }
            workers = e.getValue().length;
        }
        if (workers == 0) {
            throw new IllegalArgumentException("no workers: each load array needs one entry per worker");
        }
        CategoryChart chart = category(title, subtitle, "worker", "load (items)");
        var names = new ArrayList<String>(workers);
        for (int w = 0; w < workers; w++) {
            names.add(Integer.toString(w));
        }
        for (var e : loadByStrategy.entrySet()) {
            var values = new ArrayList<Long>(workers);
            for (long v : e.getValue()) {
                values.add(v);
            }
            chart.addSeries(e.getKey(), names, values);
        }
        if (workers > 16) {
            chart.getStyler().setXAxisLabelRotation(90);
        }
        return chart;
    }

    /**
     * Percentiles p50, p90, p99 and p99.9 of each sample (nearest-rank method: the smallest value with at least
     * that fraction of the sample at or below it), as bars grouped by percentile.
     *
     * @param unit the samples' unit, e.g. "ms", shown on the y axis
     */
    public static CategoryChart percentiles(String title, String subtitle, String unit,
                                            Map<String, double[]> samplesBySeries) {
        if (samplesBySeries == null || samplesBySeries.isEmpty()) {
            throw new IllegalArgumentException("no series: pass a map from series name to its samples");
        }
        CategoryChart chart = category(title, subtitle, "percentile", "value (" + unit + ")");
        for (var e : samplesBySeries.entrySet()) {
            if (e.getValue().length == 0) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has no samples");
            }
            double[] sorted = e.getValue().clone();
            Arrays.sort(sorted);
            var values = new ArrayList<Double>();
            for (double p : PERCENTILES) {
                values.add(nearestRank(sorted, p));
            }
            chart.addSeries(e.getKey(), PERCENTILE_LABELS, values);
        }
        return chart;
    }

    /** Generic lines with markers, one per series. */
    public static XYChart lines(String title, String subtitle, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = xy(title, subtitle, xLabel, yLabel);
        addAll(chart, series, true);
        return chart;
    }

    /** Nearest-rank percentile of a sorted array. */
    static double nearestRank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static void addAll(XYChart chart, List<Series> series, boolean markers) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("no series: pass at least one Series");
        }
        for (Series s : series) {
            XYSeries x = chart.addSeries(s.name(), s.x(), s.y());
            x.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            if (!markers) {
                x.setMarker(SeriesMarkers.NONE);
            }
        }
    }

    private static XYChart xy(String title, String subtitle, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(HouseStyle.WIDTH).height(HouseStyle.HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        HouseStyle.apply(chart.getStyler());
        subtitle(chart, subtitle);
        return chart;
    }

    private static CategoryChart category(String title, String subtitle, String xLabel, String yLabel) {
        CategoryChart chart = new CategoryChartBuilder().width(HouseStyle.WIDTH).height(HouseStyle.HEIGHT)
                .title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        HouseStyle.apply(chart.getStyler());
        // bars are large areas: start the palette after black
        chart.getStyler().setSeriesColors(Arrays.copyOfRange(HouseStyle.PALETTE, 1, HouseStyle.PALETTE.length));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setOverlapped(false);
        subtitle(chart, subtitle);
        return chart;
    }

    /**
     * XChart has no subtitle, so the subtitle is drawn as screen-space text lines under the title, with room made
     * by the title padding. A long subtitle (a machine description often is) is set one point smaller, then
     * wrapped onto two lines at the separator nearest the middle, and only then shortened with an ellipsis.
     */
    private static void subtitle(Chart<?, ?> chart, String subtitle) {
        if (subtitle == null || subtitle.isBlank()) {
            return;
        }
        SubtitleLayout layout = SubtitleLayout.of(subtitle.strip(), HouseStyle.WIDTH - 2 * HouseStyle.PADDING);
        chart.getStyler().setAnnotationTextFont(layout.font());
        // screen-space annotations are centred on (x, y) with y counted from the bottom edge
        chart.getStyler().setChartTitlePadding(layout.lines().size() == 1 ? 16 : 26);
        double y = HouseStyle.HEIGHT - (layout.lines().size() == 1 ? 55 : 62);
        for (String line : layout.lines()) {
            chart.addAnnotation(new AnnotationText(line, HouseStyle.WIDTH / 2.0, y, true));
            y -= layout.font().getSize() + 2;
        }
    }

    private static void curve(XYSeries s, Color color) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
    }

    private static BasicStroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private static double[] grid(double from, double to) {
        double[] g = new double[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            g[i] = from + (to - from) * i / (CURVE_POINTS - 1);
        }
        return g;
    }

    private static double[] map(double[] x, java.util.function.DoubleUnaryOperator f) {
        return Arrays.stream(x).map(f).toArray();
    }
}
