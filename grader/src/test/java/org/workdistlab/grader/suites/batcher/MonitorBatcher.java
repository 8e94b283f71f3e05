package org.workdistlab.grader.suites.batcher;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.workdistlab.exercises.batcher.BatchFailureHandler;
import org.workdistlab.exercises.batcher.BatchSink;
import org.workdistlab.exercises.batcher.BatcherConfig;
import org.workdistlab.exercises.batcher.SmartBatcher;
import org.workdistlab.exercises.batcher.SmartBatcherFactory;
import org.workdistlab.exercises.time.Clock;

/**
 * A correct batcher written differently from the reference: Java monitors ({@code synchronized}, {@code wait},
 * {@code notifyAll}) and one delivery thread that takes a whole batch when one is due, tracking due batches by
 * count instead of a queue of lists. Must get full marks.
 */
public final class MonitorBatcher implements SmartBatcherFactory {

    @Override
    public <T> SmartBatcher<T> create(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure,
                                      Clock clock, ThreadFactory threads) {
        var b = new Impl<>(config, sink, onFailure, clock);
        b.thread = threads.newThread(b::run);
        b.thread.start();
        return b;
    }

    private static final class Impl<T> implements SmartBatcher<T> {
        private final BatcherConfig config;
        private final BatchSink<T> sink;
        private final BatchFailureHandler<T> onFailure;
        private final Clock clock;
        private final LinkedList<T> items = new LinkedList<>(); // all items not yet taken by the delivery thread
        private final LinkedList<Integer> dueSizes = new LinkedList<>(); // sizes of sealed batches at the head
        private int openCount; // items after the sealed ones
        private int held;
        private long epoch;
        private Clock.Cancellable timer;
        private boolean closed;
        Thread thread;

        Impl(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure, Clock clock) {
            this.config = config;
            this.sink = sink;
            this.onFailure = onFailure;
            this.clock = clock;
        }

        @Override
        public synchronized void add(T item) throws InterruptedException {
            Objects.requireNonNull(item);
            while (held >= config.capacity() && !closed) {
                wait();
            }
            if (closed) {
                throw new IllegalStateException("closed");
            }
            items.add(item);
            held++;
            openCount++;
            if (openCount == 1) {
                long mine = epoch;
                timer = clock.schedule(config.maxWait(), () -> expire(mine));
            }
            if (openCount == config.batchSize()) {
                sealOpen();
            }
        }

        private synchronized void expire(long mine) {
            if (mine == epoch && openCount > 0) {
                sealOpen();
            }
        }

        private void sealOpen() {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
            dueSizes.add(openCount);
            openCount = 0;
            epoch++;
            notifyAll();
        }

        private void run() {
            while (true) {
                List<T> batch;
                synchronized (this) {
                    while (dueSizes.isEmpty() && !closed) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // only close stops us
                        }
                    }
                    if (dueSizes.isEmpty()) {
                        return;
                    }
                    int n = dueSizes.removeFirst();
                    batch = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        batch.add(items.removeFirst());
                    }
                }
                try {
                    sink.accept(batch);
                } catch (RuntimeException e) {
                    try {
                        onFailure.onFailure(batch, e);
                    } catch (RuntimeException ignored) {
                        // keep delivering
                    }
                }
                synchronized (this) {
                    held -= batch.size();
                    notifyAll();
                }
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (openCount > 0) {
                    sealOpen();
                }
                notifyAll();
            }
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
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
