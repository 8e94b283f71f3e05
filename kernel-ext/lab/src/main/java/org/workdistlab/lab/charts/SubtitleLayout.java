package org.workdistlab.lab.charts;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.List;

/** How a subtitle fits the chart width: its font and one or two lines (see {@code Charts.subtitle}). */
record SubtitleLayout(Font font, List<String> lines) {
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final String ELLIPSIS = "\u2026";

    static SubtitleLayout of(String text, int maxWidth) {
        Font normal = HouseStyle.SUBTITLE_FONT;
        if (width(text, normal) <= maxWidth) {
            return new SubtitleLayout(normal, List.of(text));
        }
        Font smaller = normal.deriveFont(normal.getSize2D() - 1);
        if (width(text, smaller) <= maxWidth) {
            return new SubtitleLayout(smaller, List.of(text));
        }
        int cut = splitPoint(text);
        String first = text.substring(0, cut).strip();
        String second = text.substring(cut).strip();
        return new SubtitleLayout(smaller, List.of(fit(first, smaller, maxWidth), fit(second, smaller, maxWidth)));
    }

    static double width(String text, Font font) {
        return font.getStringBounds(text, FRC).getWidth();
    }

    /** Just after the "; " or ", " (or else the space) closest to the middle; the middle if there is none. */
    private static int splitPoint(String text) {
        int middle = text.length() / 2;
        int best = -1;
        for (String separator : List.of("; ", ", ", " ")) {
            for (int i = text.indexOf(separator); i >= 0; i = text.indexOf(separator, i + 1)) {
                int after = i + separator.length() - 1;
                if (best < 0 || Math.abs(after - middle) < Math.abs(best - middle)) {
                    best = after;
                }
            }
            if (best >= 0 && Math.abs(best - middle) < text.length() / 4) {
                return best;
            }
        }
        return best >= 0 ? best : middle;
    }

    private static String fit(String line, Font font, int maxWidth) {
        if (width(line, font) <= maxWidth) {
            return line;
        }
        String cut = line;
        while (cut.length() > 1 && width(cut + ELLIPSIS, font) > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + ELLIPSIS;
    }
}
