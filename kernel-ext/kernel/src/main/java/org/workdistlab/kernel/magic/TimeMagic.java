package org.workdistlab.kernel.magic;

import java.util.Optional;
import org.workdistlab.kernel.spi.Magic;

/** {@code %time <statement>}: runs one line of Java and prints its wall-clock and CPU time. */
public final class TimeMagic implements Magic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String help() {
        return "%time <statement>: run one line of Java and print its wall and CPU time";
    }

    @Override
    public Optional<Object> run(String args, String body, Context context) throws MagicException {
        if (args.isBlank()) {
            throw new MagicException("%time needs a statement, e.g. %time fib(30); use %%time for a whole cell");
        }
        return Timing.timed(args, context);
    }
}
