package org.workdistlab.exercises.workqueue;

import java.util.Objects;

/**
 * A task the pool gave up on.
 *
 * @param task        the task exactly as it was submitted or spawned (same object)
 * @param attempts    how many times it ran, all of them failed
 * @param lastFailure what the last attempt threw (same object)
 */
public record DeadLetter(WorkTask task, int attempts, Throwable lastFailure) {
    public DeadLetter {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(lastFailure, "lastFailure");
        if (attempts < 1) {
            throw new IllegalArgumentException("a dead letter ran at least once, got attempts=" + attempts);
        }
    }
}
