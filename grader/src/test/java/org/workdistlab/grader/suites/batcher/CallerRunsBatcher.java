package org.workdistlab.grader.suites.batcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.ReentrantLock;
import org.workdistlab.exercises.batcher.BatchFailureHandler;
import org.workdistlab.exercises.batcher.BatchSink;
import org.workdistlab.exercises.batcher.BatcherConfig;
import org.workdistlab.exercises.batcher.SmartBatcher;
import org.workdistlab.exercises.batcher.SmartBatcherFactory;
import org.workdistlab.exercises.time.Clock;

/**
 * A correct batcher with no threads of its own: a semaphore of {@code capacity} permits is the back-pressure,
 * and whichever thread seals a batch (a producer, the clock's timer thread, or the closer) delivers every sealed
 * batch while holding a delivery lock, in seal order. Must get full marks.
 */
public final class CallerRunsBatcher implements SmartBatcherFactory {

    @Override
    public <T> SmartBatcher<T> create(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure,
                                      Clock clock, ThreadFactory threads) {
        return new Impl<>(config, sink, onFailure, clock);
    }

    private static final class Impl<T> implements SmartBatcher<T> {
        private final BatcherConfig config;
        private final BatchSink<T> sink;
        private final BatchFailureHandler<T> onFailure;
        private final Clock clock;
        private final Semaphore room;
        private final ReentrantLock state = new ReentrantLock();
        private final ReentrantLock delivery = new ReentrantLock();
        private final ArrayDeque<List<T>> sealed = new ArrayDeque<>(); // guarded by state
        private List<T> open = new ArrayList<>(); // guarded by state
        private long epoch; // guarded by state
        private Clock.Cancellable timer; // guarded by state
        private volatile boolean closed;

        Impl(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure, Clock clock) {
            this.config = config;
            this.sink = sink;
            this.onFailure = onFailure;
            this.clock = clock;
            this.room = new Semaphore(config.capacity());
        }

        @Override
        public void add(T item) throws InterruptedException {
            Objects.requireNonNull(item);
            if (closed) {
                throw new IllegalStateException("closed");
            }
            room.acquire();
            boolean sealedOne;
            state.lock();
            try {
                if (closed) {
                    room.release();
                    throw new IllegalStateException("closed");
                }
                open.add(item);
                if (open.size() == 1) {
                    long mine = epoch;
                    timer = clock.schedule(config.maxWait(), () -> expire(mine));
                }
                sealedOne = open.size() == config.batchSize();
                if (sealedOne) {
                    seal();
                }
            } finally {
                state.unlock();
            }
            if (sealedOne) {
                drain();
            }
        }

        private void expire(long mine) {
            boolean sealedOne = false;
            state.lock();
            try {
                if (mine == epoch && !open.isEmpty()) {
                    seal();
                    sealedOne = true;
                }
            } finally {
                state.unlock();
            }
            if (sealedOne) {
                drain();
            }
        }

        private void seal() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            sealed.addLast(open);
            open = new ArrayList<>();
            epoch++;
        }

        /** Delivers every sealed batch, in order, one at a time; whoever holds the delivery lock does the work. */
        private void drain() {
            delivery.lock();
            try {
                while (true) {
                    List<T> batch;
                    state.lock();
                    try {
                        batch = sealed.pollFirst();
                    } finally {
                        state.unlock();
                    }
                    if (batch == null) {
                        return;
                    }
                    try {
                        sink.accept(batch);
                    } catch (RuntimeException e) {
                        try {
                            onFailure.onFailure(batch, e);
                        } catch (RuntimeException ignored) {
                            // keep delivering
                        }
                    } finally {
                        room.release(batch.size());
                    }
                }
            } finally {
                delivery.unlock();
            }
        }

        @Override
        public void close() {
            state.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (!open.isEmpty()) {
                    seal();
                }
            } finally {
                state.unlock();
            }
            drain();
            room.release(Integer.MAX_VALUE / 2); // wake producers blocked for room: they will see closed
        }
    }
}
