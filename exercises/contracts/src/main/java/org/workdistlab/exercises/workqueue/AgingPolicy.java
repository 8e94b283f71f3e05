package org.workdistlab.exercises.workqueue;

/**
 * How fast waiting items gain priority in an {@link AgingPriorityQueue}: an item's effective priority rises by
 * one level for every {@code dispatchesPerLevel} dispatches it waits through.
 *
 * <p>Aging counts dispatches, not time, so it is deterministic and independent of how fast tasks run.
 *
 * @param dispatchesPerLevel dispatches per level of aging, at least 1; smaller means low priorities catch up sooner
 */
public record AgingPolicy(int dispatchesPerLevel) {

    public AgingPolicy {
        if (dispatchesPerLevel < 1) {
            throw new IllegalArgumentException(
                    "dispatchesPerLevel must be at least 1, got " + dispatchesPerLevel);
        }
    }
}
