package org.workdistlab.kernel.magic;

import java.util.List;
import java.util.Optional;
import org.workdistlab.kernel.spi.Magic;

/**
 * What the kernel's built-in magics need beyond {@link Magic.Context}: the list of magics and the inspect text of
 * a name. Magics from other modules see only {@link Magic.Context}.
 */
public interface KernelMagicContext extends Magic.Context {

    /** Every magic currently known, line and cell. */
    List<Magic> magics();

    /** Signature and javadoc of {@code name} (a type, method, field or variable), empty when unknown. */
    Optional<String> documentation(String name);

    /** A Jupyter pager payload showing {@code text}. */
    static java.util.Map<String, Object> pagerPayload(String text) {
        return java.util.Map.of("source", "page", "data", java.util.Map.of("text/plain", text), "start", 0);
    }

    /** The context as a kernel context, or a one-line error naming the magic. */
    static KernelMagicContext require(Magic.Context context, String magic) throws Magic.MagicException {
        if (context instanceof KernelMagicContext k) {
            return k;
        }
        throw new Magic.MagicException("%" + magic + " only works inside the Java kernel");
    }
}
