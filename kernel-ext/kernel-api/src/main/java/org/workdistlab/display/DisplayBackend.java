package org.workdistlab.display;

/**
 * Where {@link Display} sends output. Inside a Jupyter kernel the kernel installs one that publishes
 * {@code display_data}, {@code update_display_data} and {@code clear_output}; elsewhere the default prints
 * plain text to {@code System.out}.
 */
public interface DisplayBackend {

    /**
     * Shows a bundle. With {@code update} false this is a new output carrying {@code displayId}; with
     * {@code update} true it replaces, in place, every earlier output that carries the same id.
     */
    void publish(MimeBundle bundle, String displayId, boolean update);

    /** Clears the current cell's output; with {@code wait}, only once new output arrives (no flicker). */
    void clearOutput(boolean wait);

    /** Whether output goes to a frontend that can show rich types (true in a kernel). */
    boolean isRich();
}
