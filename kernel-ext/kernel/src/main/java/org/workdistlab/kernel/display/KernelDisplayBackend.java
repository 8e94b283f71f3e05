package org.workdistlab.kernel.display;

import java.util.Objects;
import org.workdistlab.display.DisplayBackend;
import org.workdistlab.display.MimeBundle;

/**
 * The {@link DisplayBackend} a kernel installs: {@code display(..)}, {@code updateDisplay(..)} and
 * {@code clearOutput()} from cells (and their threads) reach the current cell's output, in order with the text
 * the same thread printed before.
 */
public final class KernelDisplayBackend implements DisplayBackend {

    private final OutputRouter router;

    public KernelDisplayBackend(OutputRouter router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    @Override
    public void publish(MimeBundle bundle, String displayId, boolean update) {
        router.display(bundle, displayId, update);
    }

    @Override
    public void clearOutput(boolean wait) {
        router.clearOutput(wait);
    }

    @Override
    public boolean isRich() {
        return true;
    }
}
