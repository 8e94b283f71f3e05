package org.workdistlab.grader.suites.workqueue;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Liveness guards. A correct implementation gets past each of them in milliseconds; the limits only stop a
 * broken one from hanging the check, and the failure says what was being waited for. Nothing here measures
 * speed.
 */
final class Await {

    /**
     * Generous: a correct pool gets past each wait in milliseconds, and a loaded 2-core machine stalls a thread
     * for a second at worst. Kept well under the checks' time limits, so a broken implementation fails with this
     * class's message (what was awaited) rather than a bare time-out.
     */
    static final long LIMIT_MILLIS = 5_000;

    private Await() {
    }

    static void until(BooleanSupplier condition, Supplier<String> whatWeWaitedFor) throws InterruptedException {
        if (!within(LIMIT_MILLIS, condition)) {
            throw new AssertionError(whatWeWaitedFor.get() + " (still not the case after "
                    + LIMIT_MILLIS / 1000.0 + " s)");
        }
    }

    static boolean within(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }
}
