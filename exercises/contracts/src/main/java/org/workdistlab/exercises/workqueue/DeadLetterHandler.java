package org.workdistlab.exercises.workqueue;

/**
 * Receives the tasks a {@link WorkerPool} gave up on. Called once per given-up task, on a worker thread, after
 * the last failed attempt. Exceptions it throws are caught by the pool (they must not kill the worker).
 */
@FunctionalInterface
public interface DeadLetterHandler {

    void accept(DeadLetter letter);

    /** A handler that drops the letters; for examples, not for production. */
    static DeadLetterHandler ignore() {
        return letter -> { };
    }
}
