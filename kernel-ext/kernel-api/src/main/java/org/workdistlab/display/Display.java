package org.workdistlab.display;

import java.util.Objects;
import java.util.UUID;

/**
 * Rich output from any code: cells, libraries, or a plain {@code main}. Inside the Jupyter kernel the
 * kernel installs a backend and output appears as images and tables; elsewhere the same calls print text,
 * so library code never needs to know where it runs.
 *
 * <pre>{@code
 * String id = Display.display("starting...");     // shows it, returns an id
 * Display.updateDisplay(id, "42% done");          // replaces that output in place
 * Display.display(chart);                          // an XChart chart shows as a PNG in a notebook
 * }</pre>
 *
 * All methods are thread-safe and may be called from worker threads.
 */
public final class Display {

    private static volatile DisplayBackend backend = new ConsoleBackend();
    private static volatile Renderers renderers;

    private Display() {
    }

    /** Shows {@code value} with the richest renderer that accepts it; returns an id for {@link #updateDisplay}. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        backend.publish(render(value), id, false);
        return id;
    }

    /** Replaces the output that {@link #display} returned {@code id} for with {@code value}, in place. */
    public static void updateDisplay(String id, Object value) {
        Objects.requireNonNull(id, "id must not be null: pass the id that display(...) returned");
        backend.publish(render(value), id, true);
    }

    /** Clears the current cell's output at once. */
    public static void clearOutput() {
        backend.clearOutput(false);
    }

    /** Clears the current cell's output; with {@code wait}, only when new output replaces it. */
    public static void clearOutput(boolean wait) {
        backend.clearOutput(wait);
    }

    /** Whether output goes to a frontend that shows rich types (a notebook), rather than a console. */
    public static boolean isRich() {
        return backend.isRich();
    }

    /** The representations {@link #display} would publish for {@code value}. Never throws. */
    public static MimeBundle render(Object value) {
        var r = renderers;
        if (r == null) {
            r = Renderers.load(Thread.currentThread().getContextClassLoader());
            renderers = r;
        }
        return r.render(value);
    }

    /** Installs where output goes and which renderers apply; called by a kernel at start-up. */
    public static void install(DisplayBackend newBackend, Renderers newRenderers) {
        backend = Objects.requireNonNull(newBackend, "backend");
        renderers = Objects.requireNonNull(newRenderers, "renderers");
    }

    /** The backend in use (for kernels and tests). */
    public static DisplayBackend backend() {
        return backend;
    }

    /** Prints {@code text/plain} to {@code System.out}; an update prints a fresh line. */
    static final class ConsoleBackend implements DisplayBackend {
        @Override
        public void publish(MimeBundle bundle, String displayId, boolean update) {
            System.out.println(bundle.plainText());
        }

        @Override
        public void clearOutput(boolean wait) {
            // A console cannot take back what it printed.
        }

        @Override
        public boolean isRich() {
            return false;
        }
    }
}
