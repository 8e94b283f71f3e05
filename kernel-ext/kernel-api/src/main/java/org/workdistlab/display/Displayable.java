package org.workdistlab.display;

/**
 * A type that knows its own rich representation. Implement this on types you own; write a {@link Renderer}
 * for types you cannot change.
 */
public interface Displayable {

    /** This value's representations, which should include {@code text/plain}. */
    MimeBundle toMimeBundle();
}
