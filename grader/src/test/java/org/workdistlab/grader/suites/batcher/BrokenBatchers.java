package org.workdistlab.grader.suites.batcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.workdistlab.exercises.batcher.BatchFailureHandler;
import org.workdistlab.exercises.batcher.BatchSink;
import org.workdistlab.exercises.batcher.BatcherConfig;
import org.workdistlab.exercises.batcher.SmartBatcher;
import org.workdistlab.exercises.batcher.SmartBatcherFactory;
import org.workdistlab.exercises.time.Clock;

/**
 * The catalogue of broken batchers: one correct batcher (lock, two conditions, one delivery thread) with one
 * {@link Bug} switched on per public nested class. {@link Bug#NONE} is correct and must get full marks, which
 * proves that every other variant loses points because of its bug and nothing else.
 */
public final class BrokenBatchers {

    private BrokenBatchers() {
    }

    /** One classic mistake each; the comment says what the bug is. */
    enum Bug {
        /** None: a correct batcher. */
        NONE,
        /** Seals a batch when it exceeds batchSize, so batches hold batchSize + 1 items. */
        OFF_BY_ONE,
        /** Never starts a max-wait timer: a partial batch waits for more items forever. */
        NO_TIMEOUT_FLUSH,
        /** Restarts the timer on every add: the wait is measured from the LAST item. */
        TIMER_FROM_LAST_ITEM,
        /** A timer that fires after its batch went out full seals whatever batch is open then. */
        STALE_TIMER,
        /** add never blocks: the buffer grows without bound while the sink is slow. */
        UNBOUNDED,
        /** Counts only queued items against capacity, not the batch the sink is working on. */
        IN_FLIGHT_NOT_COUNTED,
        /** The timer thread calls the sink itself, next to the delivery thread. */
        CONCURRENT_SINK,
        /** Delivers the most recently sealed batch first. */
        LIFO_BATCHES,
        /** Catches what the sink throws and drops the batch without telling the failure handler. */
        SWALLOW_SINK_ERROR,
        /** Lets what the sink throws end the delivery thread. */
        SINK_ERROR_KILLS_DELIVERY,
        /** close drops the open partial batch instead of flushing it. */
        CLOSE_DROPS_PARTIAL,
        /** close waits for the flush but leaves the delivery thread running. */
        THREAD_LEAK,
        /** add after close silently drops the item. */
        ACCEPT_AFTER_CLOSE,
        /** A second close throws IllegalStateException. */
        CLOSE_TWICE_THROWS,
        /** The idle delivery thread spins instead of parking. */
        BUSY_WAIT,
        /** The idle delivery thread polls every millisecond. */
        POLLING_IDLE,
        /** Sleeps a millisecond after every batch "to go easy on the sink": correct, and far too slow. */
        SLEEP_AFTER_DELIVERY,
    }

    public static final class Correct extends Buggy { public Correct() { super(Bug.NONE); } }
    public static final class OffByOne extends Buggy { public OffByOne() { super(Bug.OFF_BY_ONE); } }
    public static final class NoTimeoutFlush extends Buggy { public NoTimeoutFlush() { super(Bug.NO_TIMEOUT_FLUSH); } }
    public static final class TimerFromLastItem extends Buggy { public TimerFromLastItem() { super(Bug.TIMER_FROM_LAST_ITEM); } }
    public static final class StaleTimer extends Buggy { public StaleTimer() { super(Bug.STALE_TIMER); } }
    public static final class Unbounded extends Buggy { public Unbounded() { super(Bug.UNBOUNDED); } }
    public static final class InFlightNotCounted extends Buggy { public InFlightNotCounted() { super(Bug.IN_FLIGHT_NOT_COUNTED); } }
    public static final class ConcurrentSink extends Buggy { public ConcurrentSink() { super(Bug.CONCURRENT_SINK); } }
    public static final class LifoBatches extends Buggy { public LifoBatches() { super(Bug.LIFO_BATCHES); } }
    public static final class SwallowSinkError extends Buggy { public SwallowSinkError() { super(Bug.SWALLOW_SINK_ERROR); } }
    public static final class SinkErrorKillsDelivery extends Buggy { public SinkErrorKillsDelivery() { super(Bug.SINK_ERROR_KILLS_DELIVERY); } }
    public static final class CloseDropsPartial extends Buggy { public CloseDropsPartial() { super(Bug.CLOSE_DROPS_PARTIAL); } }
    public static final class ThreadLeak extends Buggy { public ThreadLeak() { super(Bug.THREAD_LEAK); } }
    public static final class AcceptAfterClose extends Buggy { public AcceptAfterClose() { super(Bug.ACCEPT_AFTER_CLOSE); } }
    public static final class CloseTwiceThrows extends Buggy { public CloseTwiceThrows() { super(Bug.CLOSE_TWICE_THROWS); } }
    public static final class BusyWait extends Buggy { public BusyWait() { super(Bug.BUSY_WAIT); } }
    public static final class PollingIdle extends Buggy { public PollingIdle() { super(Bug.POLLING_IDLE); } }
    public static final class SleepAfterDelivery extends Buggy { public SleepAfterDelivery() { super(Bug.SLEEP_AFTER_DELIVERY); } }

    /** The switchable batcher. */
    abstract static class Buggy implements SmartBatcherFactory {
        private final Bug bug;

        Buggy(Bug bug) {
            this.bug = bug;
        }

        @Override
        public <T> SmartBatcher<T> create(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure,
                                          Clock clock, ThreadFactory threads) {
            var b = new Batcher<>(bug, config, sink, onFailure, clock);
            b.deliverer = threads.newThread(b::deliverLoop);
            b.deliverer.start();
            return b;
        }
    }

    private static final class Batcher<T> implements SmartBatcher<T> {
        private final Bug bug;
        private final BatcherConfig config;
        private final BatchSink<T> sink;
        private final BatchFailureHandler<T> onFailure;
        private final Clock clock;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition work = lock.newCondition();
        private final Condition drained = lock.newCondition();
        private final ArrayDeque<List<T>> sealed = new ArrayDeque<>();
        private final List<Clock.Cancellable> timers = new ArrayList<>();
        private List<T> open = new ArrayList<>();
        private long generation;
        private Clock.Cancellable timer;
        private int held;
        private int inFlight;
        private boolean closed;
        private final ReentrantLock sinkLock = new ReentrantLock();
        Thread deliverer;

        Batcher(Bug bug, BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure, Clock clock) {
            this.bug = bug;
            this.config = config;
            this.sink = sink;
            this.onFailure = onFailure;
            this.clock = clock;
        }

        @Override
        public void add(T item) throws InterruptedException {
            Objects.requireNonNull(item);
            lock.lockInterruptibly();
            try {
                while (!closed && bug != Bug.UNBOUNDED
                        && (bug == Bug.IN_FLIGHT_NOT_COUNTED ? held - inFlight : held) >= config.capacity()) {
                    notFull.await();
                }
                if (closed) {
                    if (bug == Bug.ACCEPT_AFTER_CLOSE) {
                        return;
                    }
                    throw new IllegalStateException("closed");
                }
                held++;
                open.add(item);
                if (bug != Bug.NO_TIMEOUT_FLUSH && (open.size() == 1 || bug == Bug.TIMER_FROM_LAST_ITEM)) {
                    if (timer != null) {
                        timer.cancel();
                    }
                    long g = generation;
                    timer = clock.schedule(config.maxWait(), () -> onTimer(g));
                    timers.add(timer);
                }
                if (open.size() == config.batchSize() + (bug == Bug.OFF_BY_ONE ? 1 : 0)) {
                    seal();
                }
            } finally {
                lock.unlock();
            }
        }

        private void onTimer(long g) {
            List<T> direct = null;
            lock.lock();
            try {
                if ((g == generation || bug == Bug.STALE_TIMER) && !open.isEmpty()) {
                    timer = null;
                    if (bug == Bug.CONCURRENT_SINK) {
                        direct = open;
                        open = new ArrayList<>();
                        generation++;
                        inFlight += direct.size();
                    } else {
                        seal();
                    }
                }
            } finally {
                lock.unlock();
            }
            if (direct != null) {
                deliver(direct); // on the clock's thread, while the delivery thread may be at the sink too
            }
        }

        private void seal() {
            if (timer != null && bug != Bug.STALE_TIMER) {
                timer.cancel();
            }
            timer = null;
            sealed.addLast(open);
            open = new ArrayList<>();
            generation++;
            work.signal();
        }

        private void deliverLoop() {
            while (true) {
                List<T> batch;
                lock.lock();
                try {
                    while (sealed.isEmpty() && (!closed || bug == Bug.THREAD_LEAK)) {
                        if (bug == Bug.BUSY_WAIT) {
                            lock.unlock();
                            Thread.onSpinWait();
                            lock.lock();
                        } else if (bug == Bug.POLLING_IDLE) {
                            try {
                                work.await(1, TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                return;
                            }
                        } else {
                            work.awaitUninterruptibly();
                        }
                    }
                    batch = bug == Bug.LIFO_BATCHES ? sealed.pollLast() : sealed.pollFirst();
                    if (batch == null) {
                        return;
                    }
                    inFlight += batch.size();
                } finally {
                    lock.unlock();
                }
                deliver(batch);
                if (bug == Bug.SLEEP_AFTER_DELIVERY) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private void deliver(List<T> batch) {
            if (bug != Bug.CONCURRENT_SINK) {
                sinkLock.lock(); // uncontended: only the delivery thread gets here
            }
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                if (bug == Bug.SINK_ERROR_KILLS_DELIVERY) {
                    throw e;
                }
                if (bug != Bug.SWALLOW_SINK_ERROR) {
                    onFailure.onFailure(batch, e);
                }
            } finally {
                if (bug != Bug.CONCURRENT_SINK) {
                    sinkLock.unlock();
                }
                lock.lock();
                try {
                    held -= batch.size();
                    inFlight -= batch.size();
                    notFull.signalAll();
                    if (held == 0) {
                        drained.signalAll();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) {
                    if (bug == Bug.CLOSE_TWICE_THROWS) {
                        throw new IllegalStateException("already closed");
                    }
                    return;
                }
                closed = true;
                if (!open.isEmpty()) {
                    if (bug == Bug.CLOSE_DROPS_PARTIAL) {
                        held -= open.size();
                        open = new ArrayList<>();
                    } else {
                        seal();
                    }
                }
                timers.forEach(Clock.Cancellable::cancel);
                work.signalAll();
                notFull.signalAll();
                while (held > 0) {
                    drained.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
            if (bug != Bug.THREAD_LEAK) {
                try {
                    deliverer.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
