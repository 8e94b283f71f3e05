package org.workdistlab.grader.suites.batcher;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the threads a batcher started, to check that close stops them and that idle threads stay parked.
 *
 * <p>A thread counts as the batcher's if it came from the {@link ThreadFactory} the grader passed, or if it did
 * not exist before the batcher was created and either runs code of the submission's package or has a name the
 * JDK gives to executor threads ({@code pool-1-thread-1}, {@code Thread-3}, {@code ForkJoinPool...}). The
 * other new threads (the grader's own, the JVM's) are left alone, so a correct batcher is never blamed for them.
 */
final class ThreadWatch implements ThreadFactory {

    private static final Pattern JDK_DEFAULT_NAMES =
            Pattern.compile("pool-\\d+-thread-\\d+|Thread-\\d+|ForkJoinPool.*");

    private final Set<Thread> before;
    private final String implPackage;
    private final List<Thread> created = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    ThreadWatch(Class<?> implementation) {
        this.before = Set.copyOf(Thread.getAllStackTraces().keySet());
        this.implPackage = implementation.getPackageName();
    }

    @Override
    public Thread newThread(Runnable r) {
        var t = new Thread(r, "batcher-thread-" + counter.incrementAndGet());
        t.setDaemon(true); // a leaked thread must not keep the grader's JVM alive
        created.add(t);
        return t;
    }

    /** Threads created through this factory. */
    List<Thread> created() {
        return List.copyOf(created);
    }

    /** Live threads that belong to the batcher, as defined above. */
    List<Thread> batcherThreads() {
        var result = new ArrayList<Thread>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (!t.isAlive() || t == Thread.currentThread()) {
                continue;
            }
            if (created.contains(t)) {
                result.add(t);
            } else if (!before.contains(t)
                    && (JDK_DEFAULT_NAMES.matcher(t.getName()).matches() || runsSubmissionCode(e.getValue()))) {
                result.add(t);
            }
        }
        return result;
    }

    private boolean runsSubmissionCode(StackTraceElement[] stack) {
        return Arrays.stream(stack).anyMatch(f -> {
            String c = f.getClassName();
            int dot = c.lastIndexOf('.');
            return (dot < 0 ? "" : c.substring(0, dot)).equals(implPackage);
        });
    }

    /** Thread states and top frames, for a failure message. */
    static String describe(List<Thread> threads) {
        return threads.stream().map(t -> {
            var stack = t.getStackTrace();
            String top = Arrays.stream(stack).filter(f -> !f.getClassName().startsWith("java.")
                    && !f.getClassName().startsWith("jdk.")).findFirst()
                    .map(StackTraceElement::toString).orElse(stack.length > 0 ? stack[0].toString() : "?");
            return "'" + t.getName() + "' (" + t.getState() + " at " + top + ")";
        }).collect(Collectors.joining(", "));
    }

    /** CPU time and wake-ups (times parked or waiting) of some threads, summed. */
    record Usage(long cpuNanos, long wakeUps) {
    }

    Usage usage(List<Thread> threads) {
        long cpu = 0;
        long waits = 0;
        for (Thread t : threads) {
            long id = t.getId();
            long c = mx.getThreadCpuTime(id);
            var info = mx.getThreadInfo(id);
            if (c > 0) {
                cpu += c;
            }
            if (info != null) {
                waits += info.getWaitedCount() + info.getBlockedCount();
            }
        }
        return new Usage(cpu, waits);
    }
}
