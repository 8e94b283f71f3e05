package org.workdistlab.grader.suites.workqueue;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.workdistlab.exercises.workqueue.WorkStealingDeque;

/**
 * The reference's Chase–Lev deque with one classic mistake switched on: subtle enough that one call at a time
 * (and usually a stress test) looks fine; Lincheck's model checker must find the interleaving.
 */
final class BuggyChaseLev<T> implements WorkStealingDeque<T> {

    enum Bug {
        /** pop takes the last task without racing the thieves for it: owner and a thief both get it. */
        POP_LAST_WITHOUT_CAS,
        /** a thief that loses the CAS returns null instead of retrying, although tasks are left. */
        STEAL_GIVES_UP_ON_CONTENTION
    }

    private final Bug bug;
    private final AtomicLong top = new AtomicLong();
    private volatile long bottom;
    private volatile AtomicReferenceArray<T> array = new AtomicReferenceArray<>(64);

    BuggyChaseLev(Bug bug) {
        this.bug = bug;
    }

    @Override
    public void push(T task) {
        Objects.requireNonNull(task, "task");
        long b = bottom;
        long t = top.get();
        var a = array;
        if (b - t >= a.length()) {
            var bigger = new AtomicReferenceArray<T>(a.length() * 2);
            for (long i = t; i < b; i++) {
                bigger.set((int) (i & (bigger.length() - 1)), a.get((int) (i & (a.length() - 1))));
            }
            array = bigger;
            a = bigger;
        }
        a.set((int) (b & (a.length() - 1)), task);
        bottom = b + 1;
    }

    @Override
    public T pop() {
        long b = bottom - 1;
        var a = array;
        bottom = b;
        long t = top.get();
        if (t > b) {
            bottom = b + 1;
            return null;
        }
        T task = a.get((int) (b & (a.length() - 1)));
        if (t < b) {
            return task;
        }
        if (bug == Bug.POP_LAST_WITHOUT_CAS) {
            top.set(t + 1);
        } else if (!top.compareAndSet(t, t + 1)) {
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
            T task = a.get((int) (t & (a.length() - 1)));
            if (top.compareAndSet(t, t + 1)) {
                return task;
            }
            if (bug == Bug.STEAL_GIVES_UP_ON_CONTENTION) {
                return null;
            }
        }
    }

    @Override
    public int size() {
        return (int) Math.max(0, bottom - top.get());
    }
}
