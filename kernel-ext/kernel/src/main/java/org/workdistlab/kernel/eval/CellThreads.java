package org.workdistlab.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Stops the threads cells started: everything under the cells' thread group. */
final class CellThreads {

    /** {@code Thread.stop()} where the JDK still has it (up to 19); null on JDK 20+, where it only throws. */
    private static final Method STOP = findStop();

    private CellThreads() {
    }

    private static Method findStop() {
        if (Runtime.version().feature() >= 20) {
            return null;
        }
        try {
            return Thread.class.getMethod("stop");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /**
     * Interrupts every live thread under {@code group} except {@code spare}; on JDK 17 also stops those that are
     * runnable (a loop that never checks its interrupt flag). On JDK 21+ such loops in cell code are ended by
     * JShell's stop flag instead (see {@link KernelExecutionControl#raiseStopFlag()}); a loop in library code
     * that ignores interrupts cannot be stopped there.
     */
    static void interruptAll(ThreadGroup group, Thread spare) {
        Thread[] threads;
        int n;
        do {
            threads = new Thread[group.activeCount() + 8];
            n = group.enumerate(threads, true);
        } while (n == threads.length);
        for (int i = 0; i < n; i++) {
            var t = threads[i];
            if (t == spare || t == Thread.currentThread()) {
                continue;
            }
            t.interrupt();
            if (STOP != null && t.getState() == Thread.State.RUNNABLE) {
                try {
                    STOP.invoke(t);
                } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                    // Nothing more can be done for this thread; its interrupt flag is set.
                }
            }
        }
    }
}
