package org.workdistlab.exercises.workqueue;

/**
 * A priority queue that cannot starve its low-priority items (Specter 2, the starvation spiral: the fix is
 * priority aging).
 *
 * <h2>Ordering rule (graded exactly)</h2>
 * <ul>
 *   <li>A <em>dispatch</em> is a {@link #poll()} that returns an item. The queue counts them.</li>
 *   <li>An item's <em>wait</em> is the number of dispatches (of other items) since it was offered.</li>
 *   <li>Its <em>effective priority</em> is {@code priority + wait / dispatchesPerLevel}, an exact fraction
 *       (not rounded).</li>
 *   <li>{@code poll} returns the item with the highest effective priority; among equal effective priorities,
 *       the one offered first (FIFO).</li>
 * </ul>
 * Consequence, graded: without aging pressure, higher priorities go first and equal priorities keep their
 * order; and if an item of priority {@code p} waits while one new item of priority {@code P > p} arrives before
 * every dispatch, it is dispatched on dispatch number {@code (P - p) * dispatchesPerLevel + 1} after it was
 * offered, not never.
 *
 * <p>Hint: all waiting items age at the same rate, so the order of two items never changes once both are in
 * the queue; a plain heap with the right key is enough.
 *
 * <h2>Thread safety</h2>
 * All methods may be called from any thread; each call is atomic (a lock is fine). An item offered
 * happens-before the {@code poll} that returns it.
 *
 * @param <T> the item type
 */
public interface AgingPriorityQueue<T> {

    /** Lowest priority accepted. */
    int MIN_PRIORITY = 0;
    /** Highest priority accepted. */
    int MAX_PRIORITY = 1_000;

    /**
     * Adds {@code item} with base {@code priority} (higher is more urgent).
     *
     * @throws NullPointerException if {@code item} is null
     * @throws IllegalArgumentException if {@code priority} is outside [{@link #MIN_PRIORITY}, {@link #MAX_PRIORITY}]
     */
    void offer(T item, int priority);

    /** Removes and returns the next item by the ordering rule (one dispatch), or {@code null} if empty. */
    T poll();

    /** Items waiting. */
    int size();
}
