package org.workdistlab.exercises.reference.workqueue;

import java.util.Objects;
import java.util.PriorityQueue;

import org.workdistlab.exercises.workqueue.AgingPolicy;
import org.workdistlab.exercises.workqueue.AgingPriorityQueue;

/**
 * Priority aging with a plain binary heap.
 *
 * <h2>Invariant</h2>
 * Every waiting item ages at the same rate, one level per {@code k = dispatchesPerLevel} dispatches. With
 * {@code D} dispatches so far, an item offered when {@code D} was {@code o} has effective priority
 * {@code p + (D - o) / k}. Multiply by {@code k} and drop the {@code D} both sides share: the order of two
 * items is the order of {@code p * k - o}, which never changes while they wait. So the heap is keyed once, at
 * offer time, by {@code (p * k - o, offer sequence)}, and aging costs nothing per dispatch.
 *
 * <p>Keys fit a long: {@code p <= 1000}, {@code k < 2^31}, {@code o < 2^63 / 2}.
 *
 * <h2>Concurrency</h2>
 * One intrinsic lock guards the heap and both counters; every method holds it for O(log n).
 */
public final class ReferenceAgingQueue<T> implements AgingPriorityQueue<T> {

    private record Entry<T>(T item, long key, long sequence) {
    }

    private final long dispatchesPerLevel;
    // guarded by this
    private final PriorityQueue<Entry<T>> heap = new PriorityQueue<>((x, y) -> x.key != y.key
            ? Long.compare(y.key, x.key)              // larger key first
            : Long.compare(x.sequence, y.sequence));  // then first offered
    // guarded by this
    private long dispatches;
    // guarded by this
    private long offers;

    public ReferenceAgingQueue(AgingPolicy policy) {
        this.dispatchesPerLevel = policy.dispatchesPerLevel();
    }

    @Override
    public synchronized void offer(T item, int priority) {
        Objects.requireNonNull(item, "item");
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be in [" + MIN_PRIORITY + ", " + MAX_PRIORITY
                    + "], got " + priority);
        }
        heap.add(new Entry<>(item, priority * dispatchesPerLevel - dispatches, offers++));
    }

    @Override
    public synchronized T poll() {
        var e = heap.poll();
        if (e == null) {
            return null;
        }
        dispatches++;
        return e.item;
    }

    @Override
    public synchronized int size() {
        return heap.size();
    }
}
