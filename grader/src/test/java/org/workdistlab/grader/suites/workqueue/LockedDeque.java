package org.workdistlab.grader.suites.workqueue;

import java.util.ArrayDeque;
import java.util.Objects;

import org.workdistlab.exercises.workqueue.WorkStealingDeque;

/**
 * The simplest correct deque: one intrinsic lock around an {@link ArrayDeque} (bottom = last, top = first).
 * Also offers the operations the broken pools misuse: taking from the owner's end.
 */
final class LockedDeque<T> implements WorkStealingDeque<T> {

    private final ArrayDeque<T> tasks = new ArrayDeque<>();

    @Override
    public synchronized void push(T task) {
        tasks.addLast(Objects.requireNonNull(task, "task"));
    }

    @Override
    public synchronized T pop() {
        return tasks.pollLast();
    }

    @Override
    public synchronized T steal() {
        return tasks.pollFirst();
    }

    @Override
    public synchronized int size() {
        return tasks.size();
    }

    /** Bug helper: what a thief taking from the owner's end gets. */
    synchronized T stealNewest() {
        return tasks.pollLast();
    }
}
