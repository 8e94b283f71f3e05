package org.workdistlab.kernel.magic;

import java.util.Optional;
import org.workdistlab.kernel.spi.Magic;

/** {@code %%time}: runs the rest of the cell and prints its wall-clock and CPU time. */
public final class TimeCellMagic implements Magic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String help() {
        return "%%time: run the rest of the cell and print its wall and CPU time";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public Optional<Object> run(String args, String body, Context context) throws MagicException {
        if (body.isBlank()) {
            throw new MagicException("%%time needs code below it in the same cell");
        }
        return Timing.timed(body, context);
    }
}
