package org.workdistlab.exercises.workqueue;

/**
 * A unit of work for a {@link WorkerPool}. It may throw: the attempt then counts as failed and the pool asks
 * its {@link RetryPolicy} what to do. The pool hands back the very same object (not a wrapper) in
 * {@link DeadLetter#task()} and in {@link WorkerPool#shutdownNow()}'s list.
 */
@FunctionalInterface
public interface WorkTask {

    /** Does the work, on a worker thread. {@code context} is valid only during this call. */
    void run(TaskContext context) throws Exception;
}
