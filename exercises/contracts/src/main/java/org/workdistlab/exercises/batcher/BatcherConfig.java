package org.workdistlab.exercises.batcher;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one {@link SmartBatcher}.
 *
 * @param batchSize the most items in one batch; a batch that reaches this size is handed over at once (at least 1)
 * @param maxWait   the longest an item waits for its batch to fill, counted from the batch's FIRST item (positive)
 * @param capacity  the most items the batcher may hold at once, including the batch the sink is working on
 *                  (at least {@code batchSize}, so that a full batch fits)
 */
public record BatcherConfig(int batchSize, Duration maxWait, int capacity) {

    public BatcherConfig {
        Objects.requireNonNull(maxWait, "maxWait must not be null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("maxWait must be positive, was " + maxWait);
        }
        if (capacity < batchSize) {
            throw new IllegalArgumentException("capacity (" + capacity + ") must be at least batchSize ("
                    + batchSize + "): a full batch has to fit");
        }
    }
}
