package org.workdistlab.exercises.reference.workqueue;

import org.workdistlab.exercises.workqueue.AgingPolicy;
import org.workdistlab.exercises.workqueue.AgingPriorityQueue;
import org.workdistlab.exercises.workqueue.Backoff;
import org.workdistlab.exercises.workqueue.PoolConfig;
import org.workdistlab.exercises.workqueue.RandomSource;
import org.workdistlab.exercises.workqueue.RetryPolicy;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;
import org.workdistlab.exercises.workqueue.WorkerPool;

/**
 * Reference solution of the work queue exercise: a lock-free Chase–Lev deque, a heap keyed for aging, capped
 * full-jitter backoff, and a work-stealing pool that wakes one worker per task. Each class opens with its
 * invariants.
 */
public final class ReferenceWorkQueue implements WorkQueueFactory {

    @Override
    public <T> WorkStealingDeque<T> createDeque() {
        return new ChaseLevDeque<>();
    }

    @Override
    public <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy) {
        return new ReferenceAgingQueue<>(policy);
    }

    @Override
    public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
        return new ReferenceRetryPolicy(backoff, random);
    }

    @Override
    public WorkerPool createPool(PoolConfig config) {
        return new ReferenceWorkerPool(config);
    }
}
