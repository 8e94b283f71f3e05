package org.workdistlab.exercises.time;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A clock that only moves when told to. {@link #advance} runs every task that falls due, in due-time order
 * (ties in scheduling order), on the advancing thread, with {@link #nanoTime()} reading each task's due time
 * while it runs. Tasks scheduled by a running task run in the same advance if they fall due within it.
 *
 * <p>Thread-safe. Exceptions thrown by tasks are collected ({@link #taskFailures()}) rather than propagated, so
 * one failing task cannot stop time for the others.
 */
public final class VirtualClock implements Clock {

    private final Object lock = new Object();
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final List<Throwable> failures = new ArrayList<>();
    private final AtomicInteger scheduledCount = new AtomicInteger();
    private long now;
    private long sequence;

    /** A clock at time zero with nothing scheduled. */
    public VirtualClock() {
    }

    @Override
    public long nanoTime() {
        synchronized (lock) {
            return now;
        }
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        synchronized (lock) {
            var entry = new Entry(now + Math.max(0, delay.toNanos()), sequence++, task);
            queue.add(entry);
            scheduledCount.incrementAndGet();
            return () -> {
                synchronized (lock) {
                    if (entry.state != Entry.PENDING) {
                        return false;
                    }
                    entry.state = Entry.CANCELLED;
                    queue.remove(entry);
                    return true;
                }
            };
        }
    }

    /** Moves time forward by {@code by}, running each task that falls due on this thread. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time cannot go back: " + by);
        }
        long target;
        synchronized (lock) {
            target = now + by.toNanos();
        }
        while (true) {
            Entry next;
            synchronized (lock) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    now = target;
                    return;
                }
                queue.poll();
                next.state = Entry.RUNNING;
                now = next.due;
            }
            try {
                next.task.run();
            } catch (RuntimeException | Error e) {
                synchronized (lock) {
                    failures.add(e);
                }
            } finally {
                synchronized (lock) {
                    next.state = Entry.DONE;
                }
            }
        }
    }

    /** Tasks scheduled and not yet run or cancelled. */
    public int pendingTasks() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** How many tasks were ever scheduled on this clock. */
    public int scheduledTasks() {
        return scheduledCount.get();
    }

    /** Exceptions thrown by tasks so far. */
    public List<Throwable> taskFailures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    private static final class Entry implements Comparable<Entry> {
        static final int PENDING = 0;
        static final int RUNNING = 1;
        static final int DONE = 2;
        static final int CANCELLED = 3;

        final long due;
        final long seq;
        final Runnable task;
        int state = PENDING;

        Entry(long due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
