package org.workdistlab.kernel.magic;

import java.util.Optional;
import org.workdistlab.kernel.spi.Magic;

/** {@code %lsmagic}: lists every magic the kernel knows, with its help line. */
public final class LsMagic implements Magic {

    @Override
    public String name() {
        return "lsmagic";
    }

    @Override
    public String help() {
        return "%lsmagic: list the available magics";
    }

    @Override
    public Optional<Object> run(String args, String body, Context context) throws MagicException {
        var kernel = KernelMagicContext.require(context, name());
        var text = new StringBuilder("Line magics:\n");
        for (var m : kernel.magics()) {
            if (!m.isCellMagic()) {
                text.append(String.format("  %%%-12s %s%n", m.name(), m.help()));
            }
        }
        text.append("Cell magics:\n");
        for (var m : kernel.magics()) {
            if (m.isCellMagic()) {
                text.append(String.format("  %%%%%-11s %s%n", m.name(), m.help()));
            }
        }
        text.append("Help: ?name or name? or %help name shows a type's or method's signature and javadoc.\n");
        System.out.print(text);
        System.out.flush();
        return Optional.empty();
    }
}
