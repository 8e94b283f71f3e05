/**
 * Exercise 3 of module 1 (Pattern 3, "batching for survival"): a SmartBatcher that groups items into batches
 * for a slow consumer, with a size limit, a time limit, back-pressure and a clean shutdown.
 *
 * <p>The learner implements {@link org.workdistlab.exercises.batcher.SmartBatcherFactory} (one public class with
 * a public no-argument constructor); the batcher itself is usually a nested class of it. Everything the grader
 * checks is stated on {@link org.workdistlab.exercises.batcher.SmartBatcher}; the settings are a
 * {@link org.workdistlab.exercises.batcher.BatcherConfig}; batches go to a
 * {@link org.workdistlab.exercises.batcher.BatchSink} and sink failures to a
 * {@link org.workdistlab.exercises.batcher.BatchFailureHandler}. Time comes only from the injected
 * {@link org.workdistlab.exercises.time.Clock} and threads only from the injected
 * {@link java.util.concurrent.ThreadFactory}.
 */
package org.workdistlab.exercises.batcher;
