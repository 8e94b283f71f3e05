package org.workdistlab.lab.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One look for every chart: 720x420 (small PNGs), white background, light horizontal grid, no plot border,
 * sans-serif fonts large enough to read when the PNG is scaled down, and the Okabe-Ito palette, which stays
 * distinguishable for the common forms of colour blindness.
 */
final class HouseStyle {
    static final int WIDTH = 720;
    static final int HEIGHT = 420;
    static final int PADDING = 12;
    static final java.awt.Font SUBTITLE_FONT = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12);

    /** Okabe and Ito, "Color Universal Design" (2008): black first for measured data. */
    static final Color[] PALETTE = {
        new Color(0x000000), new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
        new Color(0xE69F00), new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442),
    };
    static final Color GRID = new Color(0xE5E5E5);
    static final Color SUBTLE = new Color(0x666666);

    private HouseStyle() {
    }

    static void apply(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAnnotationTextFont(SUBTITLE_FONT);
        s.setAnnotationTextFontColor(SUBTLE);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setPlotGridVerticalLinesVisible(false);
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setAxisTickMarksColor(SUBTLE);
        s.setAxisTicksLineVisible(false);
        s.setSeriesColors(PALETTE);
        s.setSeriesMarkers(new Marker[] {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP});
        s.setMarkerSize(7);
        s.setChartPadding(PADDING);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setAntiAlias(true);
    }
}
