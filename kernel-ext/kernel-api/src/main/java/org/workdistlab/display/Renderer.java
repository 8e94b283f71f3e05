package org.workdistlab.display;

/**
 * Turns values of some type into rich output. Implementations are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.workdistlab.display.Renderer}), so a library can teach the kernel to show its
 * types without the kernel knowing the library.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #accepts} is cheap, has no side effects and never throws;</li>
 *   <li>{@link #render} should not throw for a value that {@code accepts} returned true for; if it does, the
 *       caller falls back to the next renderer and finally to {@code String.valueOf};</li>
 *   <li>among renderers that accept a value, the highest {@link #priority} wins.</li>
 * </ul>
 * A renderer that names a library's classes should test them by name (or be packaged with the library), so
 * that loading the renderer never fails where the library is absent.
 */
public interface Renderer {

    /** Whether this renderer can render {@code value} (never null). */
    boolean accepts(Object value);

    /** The representations of {@code value}; should include {@code text/plain}. */
    MimeBundle render(Object value);

    /** Higher wins among renderers that accept the same value. Built-in renderers use 0. */
    default int priority() {
        return 0;
    }
}
