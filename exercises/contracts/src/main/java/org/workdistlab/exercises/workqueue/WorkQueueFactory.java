package org.workdistlab.exercises.workqueue;

/**
 * What a learner implements: ONE public class with a public no-argument constructor that implements this
 * interface. The grader creates it once per check and calls only the creation methods the check is about, so a
 * method may keep throwing {@link UnsupportedOperationException} until its part is done (that part's checks
 * fail, the others still count).
 *
 * <p>Every call returns a new, independent object.
 */
public interface WorkQueueFactory {

    /** Part 1: a new, empty work-stealing deque. */
    <T> WorkStealingDeque<T> createDeque();

    /** Part 2: a new, empty priority queue that ages waiting items as {@code policy} says. */
    <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy);

    /**
     * Part 3: a retry policy for {@code backoff} that draws its jitter from {@code random} (one value per
     * {@link RetryDecision.Retry}, nothing else).
     */
    RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random);

    /** Part 4: a new worker pool, its worker threads already started (see {@link WorkerPool}). */
    WorkerPool createPool(PoolConfig config);
}
