package org.workdistlab.exercises.workqueue;

import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A fixed set of workers, each with its own {@link WorkStealingDeque}, fed by one {@link AgingPriorityQueue}
 * of submissions, that steal from each other when idle and retry failed tasks with backoff.
 *
 * <h2>Thread roles</h2>
 * {@link #submit}, {@link #shutdown}, {@link #shutdownNow}, {@link #awaitTermination} and the queries may be
 * called from any thread, including worker threads and the clock's thread. Tasks run on the worker threads
 * only, which the pool creates at construction, all of them, with {@link PoolConfig#threadFactory()}.
 *
 * <h2>Where a worker looks for work</h2>
 * In this order: its own deque, newest first ({@link WorkStealingDeque#pop}); then the submission queue
 * ({@link AgingPriorityQueue#poll}); then the other workers' deques, oldest first ({@link WorkStealingDeque#steal}).
 * An idle worker blocks without a timeout ({@code Condition.await}, {@code Object.wait},
 * {@code LockSupport.park}, a blocking queue's {@code take}…) until there is work or the pool shuts down: no
 * spinning and no periodic polling.
 *
 * <h2>What is graded</h2>
 * <ol>
 *   <li><b>Exactly once</b>: every accepted task (submitted or {@linkplain TaskContext#spawn spawned}) runs;
 *       one that succeeds runs exactly once, one that fails runs once per attempt; no attempt runs twice.</li>
 *   <li><b>Failures are not lost</b>: anything a task throws ({@link Exception} or {@link Error}: a worker that
 *       "dies") is a failed attempt. After failed attempt {@code k} the pool calls
 *       {@code retryPolicy.onFailure(k)} exactly once. On {@link RetryDecision.Retry Retry(d)} it schedules the
 *       task with {@code clock.schedule(d, …)}; when that comes due the task goes back into the submission
 *       queue with its priority and runs as attempt {@code k + 1}. No worker sleeps through a backoff and the
 *       task never runs again before the clock reaches {@code d}. On {@link RetryDecision.GiveUp GiveUp} the
 *       pool calls {@code deadLetterHandler.accept(new DeadLetter(task, k, failure))} once. The pool keeps
 *       serving with all its workers afterwards (a worker killed by an {@code Error} is replaced).</li>
 *   <li><b>Stealing</b>: a task spawned by a busy worker is taken by an idle worker, oldest first, while the
 *       owner takes its newest; on skewed work (one worker spawns everything) every worker ends up running a
 *       share.</li>
 *   <li><b>Priority with aging</b>: submissions are dispatched by the {@link AgingPriorityQueue} rule with
 *       {@link PoolConfig#aging()}, counting one dispatch per task taken from the submission queue.</li>
 *   <li><b>No thundering herd</b>: one new task (submitted, spawned, or a retry coming due) wakes at most one
 *       idle worker, never all of them. The grader counts, per submitted task on an idle pool, how many worker
 *       threads went back to waiting ({@code ThreadInfo.getWaitedCount()}); a {@code notifyAll}/{@code signalAll}
 *       storm wakes every worker.</li>
 *   <li><b>Graceful shutdown</b> ({@link #shutdown}): new submissions are rejected; everything already accepted
 *       still runs (queued, spawned by running tasks, and retries still waiting for their delay); then the
 *       workers exit and the pool is terminated.</li>
 *   <li><b>Immediate shutdown</b> ({@link #shutdownNow}): see the method.</li>
 *   <li><b>Throughput</b> on skewed fork-join work, compared with the reference pool in the same JVM.</li>
 * </ol>
 *
 * <h2>Happens-before</h2>
 * {@code submit(t)} or {@code spawn(t)} happens-before {@code t} runs; a failed attempt happens-before the
 * retry's run and the dead-letter call; every task's run happens-before {@link #awaitTermination} returns
 * {@code true}.
 */
public interface WorkerPool {

    /**
     * Accepts {@code task} into the submission queue with {@code priority} and wakes one idle worker if there
     * is one.
     *
     * @throws RejectedExecutionException after {@link #shutdown} or {@link #shutdownNow}
     * @throws IllegalArgumentException if {@code priority} is outside the {@link AgingPriorityQueue} range
     * @throws NullPointerException if {@code task} is null
     */
    void submit(WorkTask task, int priority);

    /** {@code submit(task, AgingPriorityQueue.MIN_PRIORITY)}. */
    default void submit(WorkTask task) {
        submit(task, AgingPriorityQueue.MIN_PRIORITY);
    }

    /** Graceful: stop accepting submissions, finish all accepted work, then stop the workers. Idempotent. */
    void shutdown();

    /**
     * Immediate: stop accepting submissions and spawns, let running attempts finish (no interrupt), run nothing
     * else, and return every accepted task that was waiting, each exactly once, in no particular order: queued
     * in the submission queue or in any deque, or waiting for a retry (its clock timer is cancelled). A running
     * attempt that fails after this goes to the dead-letter handler without asking the retry policy. A second
     * call returns an empty list.
     */
    List<WorkTask> shutdownNow();

    /** True once {@link #shutdown} or {@link #shutdownNow} was called. */
    boolean isShutdown();

    /** True once shut down, no task is running, queued or waiting for a retry, and every worker has exited its loop. */
    boolean isTerminated();

    /**
     * Blocks until terminated or the timeout (real time: a guard for the caller, not a behaviour of the pool)
     * has passed.
     *
     * @return whether the pool is terminated
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException;
}
