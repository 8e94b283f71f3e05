package org.workdistlab.exercises.reference.batcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.workdistlab.exercises.batcher.BatchFailureHandler;
import org.workdistlab.exercises.batcher.BatchSink;
import org.workdistlab.exercises.batcher.BatcherConfig;
import org.workdistlab.exercises.batcher.SmartBatcher;
import org.workdistlab.exercises.batcher.SmartBatcherFactory;
import org.workdistlab.exercises.time.Clock;

/**
 * Reference SmartBatcher: one lock, two conditions, one delivery thread.
 *
 * <h2>State</h2>
 * Items live in exactly one of three places: the <em>open</em> batch (filling up), the <em>sealed</em> queue
 * (full, or past its max wait, or flushed by close: waiting for the sink), or the batch <em>in flight</em> (the
 * sink has it). {@code held} counts all three; it only grows in {@code add} and only shrinks after a sink call
 * returned, so {@code held <= capacity} is exactly the back-pressure rule of the contract.
 *
 * <h2>Concurrency</h2>
 * Producers, the clock's timer thread and the delivery thread meet under {@code lock}. Producers wait on
 * {@code notFull} while {@code held == capacity}; the delivery thread waits on {@code sealedOrClosed} while
 * nothing is sealed. Both are plain {@code await()}s with no timeout: an idle batcher is parked, and every state
 * change that can let a waiter proceed signals it. The sink runs outside the lock (so producers keep filling the
 * next batch meanwhile) but only ever on the delivery thread, so sink calls never overlap and batches leave in
 * the order they were sealed: FIFO per producer, because a producer's items enter the open batch in add order
 * and the open batch is sealed whole.
 *
 * <h2>Max wait</h2>
 * The timer is scheduled by the add that opens a batch, so "since its first item" holds by construction and
 * later adds never push it back. A timer that fires after its batch was already sealed (full) must not seal the
 * next batch early: each open batch carries a generation number and a stale timer sees a different one. Sealing
 * a full batch also cancels its timer so that a closed batcher leaves nothing on the clock.
 *
 * <h2>Close</h2>
 * Close seals what is open, wakes everyone, and joins the delivery thread, which drains the sealed queue before
 * it exits. Producers blocked in add wake up to an {@link IllegalStateException}; their items were never
 * accepted, so nothing accepted is lost.
 */
public final class ReferenceSmartBatcher implements SmartBatcherFactory {

    public ReferenceSmartBatcher() {
    }

    @Override
    public <T> SmartBatcher<T> create(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure,
                                      Clock clock, ThreadFactory threads) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(threads, "threads");
        var batcher = new Batcher<>(config, sink, onFailure, clock);
        batcher.start(threads);
        return batcher;
    }

    private static final class Batcher<T> implements SmartBatcher<T> {
        private final int batchSize;
        private final int capacity;
        private final java.time.Duration maxWait;
        private final BatchSink<T> sink;
        private final BatchFailureHandler<T> onFailure;
        private final Clock clock;

        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition sealedOrClosed = lock.newCondition();

        /* @GuardedBy("lock") */ private List<T> open;
        /* @GuardedBy("lock") */ private long openGeneration;
        /* @GuardedBy("lock") */ private Clock.Cancellable openTimer;
        /* @GuardedBy("lock") */ private final ArrayDeque<List<T>> sealed = new ArrayDeque<>();
        /* @GuardedBy("lock") */ private int held;
        /* @GuardedBy("lock") */ private boolean closed;

        private Thread deliverer;

        Batcher(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure, Clock clock) {
            this.batchSize = config.batchSize();
            this.capacity = config.capacity();
            this.maxWait = config.maxWait();
            this.sink = sink;
            this.onFailure = onFailure;
            this.clock = clock;
            this.open = new ArrayList<>(batchSize);
        }

        void start(ThreadFactory threads) {
            deliverer = threads.newThread(this::deliverLoop);
            deliverer.start();
        }

        @Override
        public void add(T item) throws InterruptedException {
            Objects.requireNonNull(item, "item");
            lock.lockInterruptibly();
            try {
                while (held == capacity && !closed) {
                    notFull.await();
                }
                if (closed) {
                    throw new IllegalStateException("batcher is closed: add is not allowed after close()");
                }
                held++;
                open.add(item);
                if (open.size() == 1) {
                    long generation = openGeneration;
                    // Scheduled before add returns: the contract lets a caller advance the clock right after.
                    openTimer = clock.schedule(maxWait, () -> onMaxWait(generation));
                }
                if (open.size() == batchSize) {
                    sealOpen();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Timer task, on the clock's thread. */
        private void onMaxWait(long generation) {
            lock.lock();
            try {
                if (generation == openGeneration && !open.isEmpty()) {
                    openTimer = null; // it is running now; nothing to cancel
                    sealOpen();
                }
            } finally {
                lock.unlock();
            }
        }

        /* @GuardedBy("lock") */
        private void sealOpen() {
            if (openTimer != null) {
                openTimer.cancel();
                openTimer = null;
            }
            sealed.addLast(open);
            open = new ArrayList<>(batchSize);
            openGeneration++;
            sealedOrClosed.signal();
        }

        private void deliverLoop() {
            while (true) {
                List<T> batch;
                lock.lock();
                try {
                    while (sealed.isEmpty() && !closed) {
                        sealedOrClosed.awaitUninterruptibly();
                    }
                    batch = sealed.pollFirst();
                    if (batch == null) {
                        return; // closed and drained
                    }
                } finally {
                    lock.unlock();
                }
                deliver(batch);
                lock.lock();
                try {
                    held -= batch.size();
                    notFull.signalAll(); // room for up to batchSize producers
                } finally {
                    lock.unlock();
                }
            }
        }

        private void deliver(List<T> batch) {
            try {
                sink.accept(batch);
            } catch (RuntimeException e) {
                try {
                    onFailure.onFailure(batch, e);
                } catch (RuntimeException ignored) {
                    // The contract: a throwing handler must not stop delivery.
                }
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (!open.isEmpty()) {
                    sealOpen();
                }
                sealedOrClosed.signal();
                notFull.signalAll();
            } finally {
                lock.unlock();
            }
            boolean interrupted = false;
            while (true) {
                try {
                    deliverer.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
