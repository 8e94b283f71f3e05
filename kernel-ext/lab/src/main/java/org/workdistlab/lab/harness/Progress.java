package org.workdistlab.lab.harness;

import java.util.Locale;
import java.util.function.Consumer;
import org.workdistlab.display.Display;
import org.workdistlab.display.Displayable;
import org.workdistlab.display.MimeBundle;

/**
 * Live progress of a run: in a notebook one output updated in place (a bar and a line of text); elsewhere a
 * plain line per step, so a console log still shows what ran. Used by the lab's runners.
 *
 * <pre>{@code
 * var p = Progress.display("pool sizing");
 * p.start("3 sizes, seed 7");
 * p.step(1, 3, "trial 1/3: pool of 4, 812 tasks/s");
 * p.finish("done");
 * }</pre>
 */
public final class Progress {

    private final Consumer<String> lines;
    private final boolean rich;
    private final String title;
    private String id;

    private Progress(Consumer<String> lines, boolean rich, String title) {
        this.lines = lines;
        this.rich = rich;
        this.title = title;
    }

    /** Progress through {@link Display}: updated in place when a notebook listens, a line per step otherwise. */
    public static Progress display(String title) {
        return new Progress(text -> Display.display(text), Display.isRich(), title);
    }

    /** Plain lines to {@code sink} (tests, logs). */
    public static Progress lines(String title, Consumer<String> sink) {
        return new Progress(sink, false, title);
    }

    public static Progress silent() {
        return new Progress(text -> { }, false, "");
    }

    public void start(String text) {
        if (rich) {
            id = Display.display(new View(title, text, 0, 1));
        } else {
            lines.accept(text);
        }
    }

    public void step(int done, int total, String text) {
        if (rich) {
            var view = new View(title, text, done, total);
            if (id == null) {
                id = Display.display(view);
            } else {
                Display.updateDisplay(id, view);
            }
        } else {
            lines.accept(text);
        }
    }

    public void finish(String text) {
        step(1, 1, text);
    }

    /** Human units for ops/s: 950, 12.3 k, 4.56 M. */
    public static String rate(double perSecond) {
        double a = Math.abs(perSecond);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", perSecond / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    /** Human units for a duration in nanoseconds: 3.2 ns, 13.0 us, 2.18 ms, 1.50 s. */
    public static String duration(double nanos) {
        double a = Math.abs(nanos);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f ns", nanos);
    }

    static String threads(int n) {
        return n == 1 ? "1 thread" : n + " threads";
    }

    private record View(String title, String text, int done, int total) implements Displayable {
        @Override
        public MimeBundle toMimeBundle() {
            var html = "<div style='font-family:monospace'><b>" + escape(title) + "</b> "
                    + "<progress value='" + done + "' max='" + total + "' style='width:12em'></progress> "
                    + escape(text) + "</div>";
            return MimeBundle.html(html, text);
        }

        private static String escape(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    }
}
