package org.workdistlab.exercises.workqueue;

import java.time.Duration;
import java.util.Objects;

/** What a {@link RetryPolicy} decides after a failed attempt: retry after a delay, or give up. */
public sealed interface RetryDecision {

    /** Run the task again once {@code delay} has passed on the pool's clock. */
    record Retry(Duration delay) implements RetryDecision {
        public Retry {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("a retry delay cannot be negative: " + delay);
            }
        }
    }

    /** Stop: the task goes to the dead-letter handler. */
    record GiveUp() implements RetryDecision {
    }

    /** The one {@link GiveUp} value. */
    GiveUp GIVE_UP = new GiveUp();
}
