package org.workdistlab.grader.suites.workqueue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The thread factory the grader hands to a pool, so it can see the workers from outside: how many exist, whether
 * they are idle, and how often each one went to wait ({@link ThreadInfo#getWaitedCount()}: every
 * {@code Object.wait}, {@code LockSupport.park}, {@code Condition.await} counts once). That count is how the
 * grader sees wake-ups without trusting the pool to report them.
 */
final class WatchedThreads implements ThreadFactory {

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private final String prefix;
    private final AtomicInteger created = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    WatchedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        var t = new Thread(r, prefix + "-worker-" + created.getAndIncrement());
        t.setDaemon(true); // a pool that never stops its workers must not keep the grading JVM alive
        threads.add(t);
        return t;
    }

    List<Thread> threads() {
        return List.copyOf(threads);
    }

    int created() {
        return created.get();
    }

    /** Waited counts of every thread created so far, in creation order (-1 for a thread that is gone). */
    long[] waitedCounts() {
        var list = threads();
        long[] counts = new long[list.size()];
        for (int i = 0; i < counts.length; i++) {
            ThreadInfo info = MX.getThreadInfo(list.get(i).getId());
            counts[i] = info == null ? -1 : info.getWaitedCount();
        }
        return counts;
    }

    /** True if every live thread is waiting (parked, in {@code wait}, or blocked). */
    boolean allWaiting() {
        for (Thread t : threads()) {
            switch (t.getState()) {
                case WAITING, TIMED_WAITING, TERMINATED -> { }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Waits until at least {@code expected} threads exist and all of them sit waiting with unchanged waited counts
     * over two looks 20 ms apart (liveness guard: {@code limitMillis}).
     *
     * @return null when idle, else a description of what the threads were doing
     */
    String awaitIdle(int expected, long limitMillis) throws InterruptedException {
        long deadline = System.nanoTime() + limitMillis * 1_000_000;
        long[] before = null;
        while (System.nanoTime() < deadline) {
            if (threads.size() >= expected && allWaiting()) {
                long[] now = waitedCounts();
                if (before != null && java.util.Arrays.equals(before, now)) {
                    return null;
                }
                before = now;
            } else {
                before = null;
            }
            Thread.sleep(20);
        }
        return describe();
    }

    String describe() {
        var parts = new ArrayList<String>();
        for (Thread t : threads()) {
            parts.add(t.getName() + " " + t.getState());
        }
        return threads.size() + " worker thread(s): " + parts;
    }
}
