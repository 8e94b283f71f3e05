package org.workdistlab.exercises.batcher;

import java.util.concurrent.ThreadFactory;
import org.workdistlab.exercises.time.Clock;

/**
 * Your SmartBatcher. This public class is the factory the grader creates; the batcher itself is the nested
 * {@link Batcher}. Read the contract on {@link SmartBatcher} first: it lists every rule the grader checks.
 *
 * <p>Grade it with {@code ./lab grade batcher path/to/MySmartBatcher.java}.
 */
public class MySmartBatcher implements SmartBatcherFactory {

    @Override
    public <T> SmartBatcher<T> create(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure,
                                      Clock clock, ThreadFactory threads) {
        return new Batcher<>(config, sink, onFailure, clock, threads);
    }

    static final class Batcher<T> implements SmartBatcher<T> {

        Batcher(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure, Clock clock,
                ThreadFactory threads) {
            // TODO: keep the settings; decide who calls the sink (one delivery thread from `threads` is simplest).
        }

        @Override
        public void add(T item) throws InterruptedException {
            throw new UnsupportedOperationException("TODO: add the item to the open batch, blocking while capacity "
                    + "items are held; start the max-wait timer with clock.schedule when the batch gets its first "
                    + "item; hand the batch over when it reaches batchSize");
        }

        @Override
        public void close() {
            throw new UnsupportedOperationException("TODO: hand over what is left, wait until the sink has seen it, "
                    + "then stop your threads (join them) and cancel your timer; a second close does nothing");
        }
    }
}
