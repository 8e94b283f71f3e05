package org.workdistlab.exercises.batcher;

import java.util.List;

/**
 * Told about every batch whose {@link BatchSink#accept} threw, so that a failure is reported instead of
 * swallowed (and the items are not silently lost: the handler can log, retry or dead-letter them).
 *
 * <p>Called on the thread whose sink call threw, right after it threw and before the next sink call, so it is
 * never called concurrently with the sink or with itself.
 */
@FunctionalInterface
public interface BatchFailureHandler<T> {

    /**
     * @param batch the very list that was passed to the sink
     * @param error what the sink threw
     */
    void onFailure(List<T> batch, RuntimeException error);
}
