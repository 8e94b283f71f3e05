package org.workdistlab.exercises.workqueue;

/**
 * A double-ended queue of tasks owned by one worker: the owner pushes and pops at the <em>bottom</em> (LIFO,
 * so it keeps working on what it touched last, with hot caches), while any number of thieves steal from the
 * <em>top</em>, taking the <strong>oldest</strong> task (Blumofe–Leiserson; Chase–Lev; {@code ForkJoinPool}).
 * Owner and thieves work at opposite ends so they rarely touch the same element.
 *
 * <h2>Thread roles</h2>
 * <ul>
 *   <li>{@link #push} and {@link #pop}: the <em>owner</em> only, i.e. one thread at a time, never concurrently
 *       with each other (the caller guarantees this; the owner may change only if the callers hand over with a
 *       happens-before edge, e.g. through a lock or a thread start).</li>
 *   <li>{@link #steal}, {@link #size}, {@link #isEmpty}: any thread, concurrently with everything.</li>
 * </ul>
 *
 * <h2>What is graded</h2>
 * <ul>
 *   <li><b>Sequential behaviour</b>: {@code pop} returns the most recently pushed task still present,
 *       {@code steal} the least recently pushed one; both return {@code null} (the named result "empty") when
 *       no task is present; {@code push(null)} throws {@link NullPointerException}; no capacity limit other
 *       than memory (the deque grows).</li>
 *   <li><b>Linearizability</b>: every execution of concurrent {@code push}/{@code pop} (owner) and
 *       {@code steal} (thieves) is equivalent to some sequential execution of the same calls, in an order that
 *       respects real time. In particular a task is returned by at most one {@code pop} or {@code steal}, and
 *       {@code null} is returned only if the deque really was empty at some moment during that call
 *       (no spurious failures: a thief that loses a race retries). Checked with Lincheck in model-checking mode.</li>
 * </ul>
 *
 * <h2>Happens-before</h2>
 * Actions of the owner before {@code push(t)} happen-before the actions of the thread that receives {@code t}
 * from {@code pop} or {@code steal} after it returns.
 *
 * @param <T> the task type
 */
public interface WorkStealingDeque<T> {

    /** Owner only: adds {@code task} at the bottom. Never blocks for long, never fails except on {@code null}. */
    void push(T task);

    /** Owner only: removes and returns the newest task (bottom), or {@code null} if empty. */
    T pop();

    /** Any thread: removes and returns the oldest task (top), or {@code null} if empty. */
    T steal();

    /**
     * Any thread: the number of tasks present. Exact when no other call is in progress; under concurrency it
     * may be stale, but never negative.
     */
    int size();

    /** Any thread: {@code size() == 0}, with the same staleness caveat. */
    default boolean isEmpty() {
        return size() == 0;
    }
}
