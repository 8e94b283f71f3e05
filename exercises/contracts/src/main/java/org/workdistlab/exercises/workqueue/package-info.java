/**
 * Exercise 2 of module 1: a work queue that avoids the thundering herd, starvation and head-of-line blocking,
 * survives failing tasks and balances skewed work by stealing.
 *
 * <p>It is built from four parts that can be finished, and are graded, one at a time. Each part is created by
 * one method of {@link org.workdistlab.exercises.workqueue.WorkQueueFactory}; the grader checks each part on
 * its own, so a learner who only wrote the deque still earns the deque's points.
 * <ol>
 *   <li>{@link org.workdistlab.exercises.workqueue.WorkStealingDeque}: the owner pushes and pops at one end
 *       (LIFO), thieves steal the oldest task from the other end (Chase–Lev, {@code ForkJoinPool}).
 *       Graded for linearizability with Lincheck in model-checking mode.</li>
 *   <li>{@link org.workdistlab.exercises.workqueue.AgingPriorityQueue}: highest priority first, but a waiting
 *       item rises one level every {@link org.workdistlab.exercises.workqueue.AgingPolicy#dispatchesPerLevel()}
 *       dispatches, so low-priority work cannot starve.</li>
 *   <li>{@link org.workdistlab.exercises.workqueue.RetryPolicy}: exponential backoff, capped, with full jitter
 *       drawn from an injected {@link org.workdistlab.exercises.workqueue.RandomSource}, and a limit on attempts.</li>
 *   <li>{@link org.workdistlab.exercises.workqueue.WorkerPool}: workers with their own deques, an aging priority
 *       queue for submissions, stealing, retry with backoff on the injected
 *       {@link org.workdistlab.exercises.time.Clock}, a dead-letter handler, one wake-up per new task, and
 *       graceful and immediate shutdown.</li>
 * </ol>
 * The pool is graded with the grader's own retry policy and clock, so a mistake in part 3 does not cost points
 * in part 4.
 */
package org.workdistlab.exercises.workqueue;
