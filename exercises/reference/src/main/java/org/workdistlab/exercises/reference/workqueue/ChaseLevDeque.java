package org.workdistlab.exercises.reference.workqueue;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.workdistlab.exercises.workqueue.WorkStealingDeque;

/**
 * A lock-free work-stealing deque after Chase and Lev ("Dynamic Circular Work-Stealing Deque", SPAA 2005).
 *
 * <h2>Invariant</h2>
 * Tasks live in a circular array at indices {@code [top, bottom)} (taken modulo its length). Only the owner
 * writes {@code bottom}; {@code top} only grows, and only by a successful CAS. So a task at index {@code i} is
 * claimed by whoever moves {@code top} past {@code i} (a thief, or the owner popping the last task) or by the
 * owner moving {@code bottom} below it while {@code top} is still lower: exactly one of them gets it.
 *
 * <h2>Concurrency</h2>
 * <ul>
 *   <li>{@code push}: write the slot, then publish it with a volatile store of {@code bottom}; a thief that
 *       reads the new {@code bottom} sees the slot (volatile store → volatile load is a happens-before edge).</li>
 *   <li>{@code pop}: store {@code bottom - 1} <em>before</em> reading {@code top}. Both are volatile, so the
 *       store cannot be reordered after the load (the StoreLoad fence that the C version spells out): a thief
 *       either sees the smaller bottom and backs off, or the owner sees the thief's larger top. Only when one
 *       task is left do both race, and the CAS on {@code top} decides.</li>
 *   <li>{@code steal}: read {@code top}, then {@code bottom}, then the slot, then CAS {@code top}. A failed CAS
 *       means someone else took that task, so the thief retries: it returns {@code null} only after seeing the
 *       deque empty (no spurious failure, which keeps the contract linearizable with a plain deque).</li>
 *   <li>Growth: the owner copies {@code [top, bottom)} into an array twice the size and publishes it with a
 *       volatile store. The old array is never written again, so a thief still reading it finds the same task
 *       at the same index, and its CAS on {@code top} still decides who owns it.</li>
 * </ul>
 * Stolen slots are not cleared (the owner may already be reusing them), so up to one array of finished tasks
 * stays reachable until overwritten; popped slots are cleared by the owner.
 */
public final class ChaseLevDeque<T> implements WorkStealingDeque<T> {

    /** Initial capacity; a power of two. Grows by doubling and never shrinks. */
    private static final int INITIAL_CAPACITY = 64;

    private final AtomicLong top = new AtomicLong();
    /** Written by the owner only; volatile so thieves see pushes and pops in order. */
    private volatile long bottom;
    /** Replaced by the owner when full; volatile so thieves see the copy complete. */
    private volatile AtomicReferenceArray<T> array = new AtomicReferenceArray<>(INITIAL_CAPACITY);

    @Override
    public void push(T task) {
        Objects.requireNonNull(task, "task");
        long b = bottom;
        long t = top.get();
        var a = array;
        if (b - t >= a.length()) {
            a = grow(a, t, b);
        }
        a.set(index(b, a), task);
        bottom = b + 1;
    }

    @Override
    public T pop() {
        long b = bottom - 1;
        var a = array;
        bottom = b;
        long t = top.get();
        if (t > b) {
            bottom = b + 1; // was empty
            return null;
        }
        int i = index(b, a);
        T task = a.get(i);
        if (t < b) {
            a.set(i, null); // more than one task: no thief can be claiming index b
            return task;
        }
        // The last task: race the thieves for it.
        if (!top.compareAndSet(t, t + 1)) {
            task = null;
        }
        bottom = b + 1;
        return task;
    }

    @Override
    public T steal() {
        while (true) {
            long t = top.get();
            long b = bottom;
            if (t >= b) {
                return null;
            }
            var a = array;
            T task = a.get(index(t, a));
            if (top.compareAndSet(t, t + 1)) {
                return task;
            }
        }
    }

    @Override
    public int size() {
        long t = top.get();
        long b = bottom;
        return (int) Math.max(0, b - t);
    }

    private AtomicReferenceArray<T> grow(AtomicReferenceArray<T> old, long t, long b) {
        var bigger = new AtomicReferenceArray<T>(old.length() * 2);
        for (long i = t; i < b; i++) {
            bigger.set(index(i, bigger), old.get(index(i, old)));
        }
        array = bigger;
        return bigger;
    }

    private static int index(long i, AtomicReferenceArray<?> a) {
        return (int) (i & (a.length() - 1));
    }
}
