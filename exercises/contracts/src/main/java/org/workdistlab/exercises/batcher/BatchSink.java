package org.workdistlab.exercises.batcher;

import java.util.List;

/**
 * Where batches go: the slow, expensive consumer that batching protects (a database insert, a network call).
 *
 * <p>Need not be thread-safe: a {@link SmartBatcher} calls it for one batch at a time, never from two threads at
 * once, but possibly from different threads over its life.
 */
@FunctionalInterface
public interface BatchSink<T> {

    /**
     * Consumes one batch. The list holds 1 to {@link BatcherConfig#batchSize()} items in the order the batcher
     * accepted them; it belongs to the sink from now on (the batcher never touches it again).
     *
     * @throws RuntimeException to report that this batch failed; the batcher passes the batch and the exception
     *                          to its {@link BatchFailureHandler} and carries on with the next batch
     */
    void accept(List<T> batch);
}
