package org.workdistlab.lab.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fixed set of worker threads for one thread count, started before any timing and reused by every trial
 * of that count. One trial:
 * <ol>
 *   <li>the controller and all workers meet at {@code start} (SYNCHRONIZED_START);</li>
 *   <li>each worker runs one operation uncounted and counts down {@code running};</li>
 *   <li>once every worker has run, the controller opens the window ({@code phase = MEASURE}), sleeps for the
 *       trial length, waits if needed until every worker has begun at least one counted operation, and
 *       closes it ({@code phase = STOP});</li>
 *   <li>workers count an operation only if the window was open when they began it, in a local variable,
 *       and write the count and their sink to a padded slot after the loop (NO_FALSE_SHARING);</li>
 *   <li>all meet at {@code end}, which publishes the slots to the controller.</li>
 * </ol>
 * No worker leaves its loop before the window closes, none counts before all have started, and every worker
 * counts in every window, so work is counted only while all workers run. The loops add no per-operation
 * work beyond one volatile read of {@code phase}.
 */
final class WorkerGroup implements AutoCloseable {

    static final String THREAD_PREFIX = "wdl-lab-worker-";

    private static final int RAMP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;
    /** 16 longs = 128 bytes between slots: two cache lines, which also defeats adjacent-line prefetch. */
    private static final int PAD = 16;

    /** Longest a window is kept open past its length waiting for a worker to begin a counted operation. */
    private static final long MAX_EXTENSION_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** Where every trial's sinks end up; a volatile write the JIT must honour (DEAD_CODE_SINK). */
    static volatile long blackhole;

    private final int size;
    private final Thread[] threads;
    private final CyclicBarrier start;
    private final CyclicBarrier end;
    private final long[] slots;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private volatile int phase = STOP;
    private volatile boolean closed;
    private volatile Workload workload;
    private volatile CountDownLatch running;
    private volatile CountDownLatch counting;

    /** The counted operations of one trial and the length of its window. */
    record Counts(long[] perWorker, long windowNanos) {
        long total() {
            long sum = 0;
            for (long c : perWorker) {
                sum += c;
            }
            return sum;
        }
    }

    WorkerGroup(String runId, int size) {
        this.size = size;
        this.threads = new Thread[size];
        this.start = new CyclicBarrier(size + 1);
        this.end = new CyclicBarrier(size + 1);
        this.slots = new long[(size + 1) * PAD];
        for (int i = 0; i < size; i++) {
            int worker = i;
            var t = new Thread(() -> work(worker), THREAD_PREFIX + runId + "-" + size + "x-" + i);
            t.setDaemon(true); // a workload that ignores interrupts must not keep the JVM alive
            threads[i] = t;
        }
        for (var t : threads) {
            t.start();
        }
    }

    int size() {
        return size;
    }

    /** Runs one trial of {@code w} (already set up) with a window of {@code windowNanos}. */
    Counts runTrial(Workload w, long windowNanos, TrialObserver observer)
            throws InterruptedException, BrokenBarrierException {
        if (closed) {
            throw new IllegalStateException("worker group already closed");
        }
        workload = w;
        running = new CountDownLatch(size);
        counting = new CountDownLatch(size);
        phase = RAMP;
        start.await();
        running.await();
        long t0;
        long t1;
        if (failure.get() == null) {
            observer.windowOpening(size);
            t0 = System.nanoTime();
            phase = MEASURE;
            TimeUnit.NANOSECONDS.sleep(windowNanos);
            // a loaded scheduler can leave a worker off-CPU for a whole short window: keep counting until
            // every worker has begun a counted operation (bounded, in case one operation never ends)
            counting.await(Math.max(10 * windowNanos, MAX_EXTENSION_NANOS), TimeUnit.NANOSECONDS);
            phase = STOP;
            t1 = System.nanoTime();
            observer.windowClosed(size);
        } else {
            t0 = t1 = System.nanoTime();
            phase = STOP;
        }
        w.onStop();
        end.await();
        var failed = failure.getAndSet(null);
        if (failed != null) {
            throw new IllegalStateException("workload '" + w.describe() + "' failed at " + size
                    + " threads: " + failed, failed);
        }
        var perWorker = new long[size];
        long sinks = 0;
        for (int i = 0; i < size; i++) {
            perWorker[i] = slots[i * PAD];
            sinks ^= slots[i * PAD + 1];
        }
        blackhole ^= sinks;
        return new Counts(perWorker, t1 - t0);
    }

    private void work(int i) {
        try {
            while (true) {
                start.await();
                if (closed) {
                    return;
                }
                var w = workload;
                var started = running;
                var inWindow = counting;
                long ops = 0;
                long sink = 0;
                boolean signalledStart = false;
                boolean signalledWindow = false;
                try {
                    sink = w.runOnce(i);
                    started.countDown();
                    signalledStart = true;
                    int p;
                    while ((p = phase) == RAMP) {
                        sink += w.runOnce(i);
                    }
                    if (p == MEASURE) {
                        // an operation begun after reading MEASURE counts, even if it ends after STOP
                        inWindow.countDown();
                        signalledWindow = true;
                        do {
                            sink += w.runOnce(i);
                            ops++;
                        } while (phase == MEASURE);
                    }
                } catch (InterruptedException e) {
                    return; // only close() interrupts workers
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    phase = STOP;
                } finally {
                    if (!signalledStart) {
                        started.countDown();
                    }
                    if (!signalledWindow) {
                        inWindow.countDown();
                    }
                }
                slots[i * PAD] = ops;
                slots[i * PAD + 1] = sink;
                end.await();
            }
        } catch (InterruptedException | BrokenBarrierException e) {
            // closed while waiting at a barrier: leave quietly
        }
    }

    /**
     * Stops and joins every worker: raises the stop flag, lets the workload release waiters, interrupts
     * blocked workers and waits up to {@code joinMillis} in total. Returns the names of threads still alive
     * (a workload that ignores interrupts), which should be empty.
     */
    List<String> close(long joinMillis) {
        closed = true;
        phase = STOP;
        var w = workload;
        if (w != null) {
            try {
                w.onStop();
            } catch (RuntimeException e) {
                // keep closing; the workers matter more than this workload's tidy-up
            }
        }
        for (var t : threads) {
            t.interrupt();
        }
        boolean wasInterrupted = Thread.interrupted(); // join must wait even when our caller was interrupted
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(joinMillis);
        var alive = new ArrayList<String>();
        try {
            for (var t : threads) {
                long left = deadline - System.nanoTime();
                while (t.isAlive() && left > 0) {
                    try {
                        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    } catch (InterruptedException e) {
                        wasInterrupted = true;
                    }
                    left = deadline - System.nanoTime();
                }
                if (t.isAlive()) {
                    alive.add(t.getName());
                }
            }
        } finally {
            if (wasInterrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return alive;
    }

    @Override
    public void close() {
        close(2_000);
    }
}
