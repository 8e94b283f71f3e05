package org.workdistlab.kernel.magic;

import java.util.Optional;
import org.workdistlab.kernel.spi.Magic;

/**
 * {@code %help name} (also written {@code ?name} or {@code name?}): shows the signature and javadoc of a type,
 * method or variable in the pager; {@code %help} alone lists the magics.
 */
public final class HelpMagic implements Magic {

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String help() {
        return "%help <name>: show signature and javadoc (also ?name, name?)";
    }

    @Override
    public Optional<Object> run(String args, String body, Context context) throws MagicException {
        var kernel = KernelMagicContext.require(context, name());
        String target = args.strip();
        String text;
        if (target.isEmpty()) {
            var sb = new StringBuilder("Java kernel (JShell). Write Java statements, expressions and declarations;"
                    + " the last expression's value is shown.\nMagics:\n");
            for (var m : kernel.magics()) {
                sb.append("  ").append(m.help()).append('\n');
            }
            text = sb.toString();
        } else if (target.startsWith("%")) {
            String name = target.replaceFirst("^%+", "");
            text = kernel.magics().stream().filter(m -> m.name().equals(name)).map(Magic::help)
                    .reduce((a, b) -> a + "\n" + b)
                    .orElseThrow(() -> new MagicException("unknown magic %" + name + ": run %lsmagic to list them"));
        } else {
            text = kernel.documentation(target).orElseThrow(() -> new MagicException(
                    "no documentation found for " + target + ": check the spelling, or import its package first"));
        }
        context.addPayload(KernelMagicContext.pagerPayload(text));
        return Optional.empty();
    }
}
