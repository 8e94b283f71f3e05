package org.workdistlab.kernel.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.workdistlab.display.MimeBundle;

/**
 * A cell magic ({@code %%name args} on a cell's first line, the rest of the cell as body) or a line magic
 * ({@code %name args} on a line of its own). Magics are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.workdistlab.kernel.spi.Magic}) on the kernel's and the cells' class path, so a
 * module can add one (the grader adds {@code %grade}) without the kernel knowing it.
 *
 * <p>A magic runs on the cell's thread; what it prints goes to the cell's output. It should stop promptly
 * when its thread is interrupted.
 */
public interface Magic {

    /** The name without {@code %}, e.g. {@code "time"}. */
    String name();

    /** One line for {@code %lsmagic}. */
    String help();

    /** Whether this is a cell magic ({@code %%name}) rather than a line magic ({@code %name}). */
    default boolean isCellMagic() {
        return false;
    }

    /**
     * Runs the magic.
     *
     * @param args    the text after the magic's name on its line
     * @param body    for a cell magic, the rest of the cell; for a line magic, empty
     * @param context what the magic may use from the kernel
     * @return a value to show as the cell's result, or empty
     * @throws MagicException with a one-line message for the user when the magic cannot do what was asked
     */
    Optional<Object> run(String args, String body, Context context) throws MagicException;

    /** What a magic can ask of the kernel. */
    interface Context {
        /** Evaluates Java source as a cell would, returning its last value (rendered) or throwing on error. */
        Optional<MimeBundle> eval(String javaSource) throws MagicException;

        /** Adds jars or folders to the cells' class path (compile and run). */
        void addToClasspath(List<String> paths) throws MagicException;

        /** Adds a Jupyter reply payload, e.g. a pager page. */
        void addPayload(Map<String, Object> payload);
    }

    /** A failure a magic reports to the user as one line, e.g. "no such file: lib/x.jar". */
    final class MagicException extends Exception {
        public MagicException(String message) {
            super(message);
        }
    }
}
