package org.workdistlab.exercises.workqueue;

import java.util.concurrent.RejectedExecutionException;

/**
 * What a running {@link WorkTask} knows about where it runs, and how it adds follow-up work. Valid only on the
 * worker thread, during the {@link WorkTask#run} call it was passed to.
 */
public interface TaskContext {

    /** The index of the worker running this attempt, from 0 to {@code workers - 1}; stable for a worker. */
    int workerIndex();

    /** Which attempt this is: 1 for the first run, 1 + the number of failed attempts of this task otherwise. */
    int attempt();

    /**
     * Pushes {@code task} onto the bottom of this worker's own {@link WorkStealingDeque} (the way
     * {@code ForkJoinTask.fork} does): this worker pops it next (newest first) once the current task returns,
     * unless an idle worker steals it first (oldest first). If a worker is idle, one is woken so it can steal.
     * Allowed during a graceful {@link WorkerPool#shutdown()}; the task counts as queued work.
     *
     * @throws RejectedExecutionException after {@link WorkerPool#shutdownNow()}
     * @throws NullPointerException if {@code task} is null
     */
    void spawn(WorkTask task);
}
