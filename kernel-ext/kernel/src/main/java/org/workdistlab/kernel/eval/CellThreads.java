package org.workdistlab.kernel.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Stops the threads cells started: everything in the snippet thread groups under the runner's group. */
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
     * Interrupts every live thread in the subgroups of {@code runnerGroup} (JShell runs each snippet in a fresh
     * child group of the thread that calls {@code eval}, and threads inherit their creator's group); threads
     * directly in {@code runnerGroup}, such as the runner itself and JShell's indexer, are left alone. On JDK 17
     * it also stops those that are runnable (a loop that never checks its interrupt flag). On JDK 21+ such loops
     * in cell code are ended by JShell's stop flag instead (see {@link KernelExecutionControl#raiseStopFlag()});
     * a loop in library code that ignores interrupts cannot be stopped there.
     */
    static void interruptAll(ThreadGroup runnerGroup) {
        ThreadGroup[] groups;
        int g;
        do {
            groups = new ThreadGroup[runnerGroup.activeGroupCount() + 8];
            g = runnerGroup.enumerate(groups, false);
        } while (g == groups.length);
        for (int k = 0; k < g; k++) {
            interruptThreadsIn(groups[k]);
        }
    }

    private static void interruptThreadsIn(ThreadGroup group) {
        Thread[] threads;
        int n;
        do {
            threads = new Thread[group.activeCount() + 8];
            n = group.enumerate(threads, true);
        } while (n == threads.length);
        for (int i = 0; i < n; i++) {
            var t = threads[i];
            if (t == Thread.currentThread()) {
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
