package org.workdistlab.exercises.time;

import java.time.Duration;

/**
 * The only source of time for exercise implementations: read it with {@link #nanoTime()} and run anything
 * time-based (a max-wait flush, a retry after a backoff delay) with {@link #schedule}. Implementations must not
 * call {@code System.nanoTime}, {@code Thread.sleep} or timed waits to make time-based decisions: the grader
 * passes a {@link VirtualClock} and moves time itself, so timeouts are graded exactly, without sleeping.
 *
 * <p>Thread-safety: all methods may be called from any thread. A scheduled task runs on a thread owned by the
 * clock (for {@link VirtualClock}, on the thread that advances time), never on the caller of {@code schedule}.
 */
public interface Clock {

    /** Monotonic time in nanoseconds; only differences are meaningful. */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delay} from now (a zero or negative delay means as soon as possible).
     * A task that throws does not stop the clock or other tasks.
     *
     * @return a handle whose {@link Cancellable#cancel()} prevents the task from running if it has not started
     */
    Cancellable schedule(Duration delay, Runnable task);

    /** The real clock, backed by one shared daemon thread ("wdl-system-clock"). */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** A scheduled task that can still be called off. */
    interface Cancellable {
        /** Prevents the task from running; returns false if it already ran, is running, or was cancelled. */
        boolean cancel();
    }
}
