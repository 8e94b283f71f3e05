package org.workdistlab.exercises.batcher;

import java.util.concurrent.ThreadFactory;
import org.workdistlab.exercises.time.Clock;

/**
 * What a learner implements: ONE public class with a public no-argument constructor that implements this
 * interface (the starter {@code MySmartBatcher} is one). The grader creates it and calls {@link #create} once per
 * check, with its own sink, clock and thread factory.
 */
public interface SmartBatcherFactory {

    /**
     * A new batcher, ready to accept items (any threads it needs are started before this returns or lazily).
     *
     * @param config    batch size, max wait and capacity
     * @param sink      receives the batches, one at a time
     * @param onFailure receives each batch whose sink call threw, with the exception
     * @param clock     the ONLY source of time: read {@link Clock#nanoTime()}, and start the max-wait timer with
     *                  {@link Clock#schedule}; never {@code System.nanoTime}, {@code Thread.sleep} or a timed wait
     * @param threads   the ONLY way to create threads; use none, one or several, but create each through this
     *                  factory (no {@code new Thread}, no common pool, no shared executors)
     */
    <T> SmartBatcher<T> create(BatcherConfig config, BatchSink<T> sink, BatchFailureHandler<T> onFailure,
                               Clock clock, ThreadFactory threads);
}
