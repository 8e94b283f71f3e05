package org.workdistlab.exercises.workqueue;

/**
 * Decides, after a task's attempt failed, whether and when to try again: exponential backoff with full jitter
 * and a limit on attempts, per a {@link Backoff}.
 *
 * <h2>Rule (graded)</h2>
 * After {@code failedAttempts} failures in a row ({@code failedAttempts >= 1}):
 * <ul>
 *   <li>if {@code failedAttempts >= backoff.maxAttempts()}: {@link RetryDecision#GIVE_UP} (and the random
 *       source is not touched);</li>
 *   <li>otherwise, with {@code n = failedAttempts - 1}, {@code ceiling = backoff.ceiling(n)} (that is
 *       {@code min(cap, base * 2^n)}) and {@code u} the next value of the random source:
 *       {@code new Retry(ceiling * u)}, rounded down to whole nanoseconds, so always in
 *       {@code [0, ceiling)}. Exactly one value is drawn per {@code Retry}.</li>
 * </ul>
 * So delays double from retry to retry until they reach the cap, never exceed it, never go negative, and are
 * spread out (jitter) so that clients that failed together do not come back together (Specter 1, the
 * thundering herd).
 *
 * <h2>Thread safety</h2>
 * Stateless apart from its random source: may be called from any thread, concurrently.
 */
@FunctionalInterface
public interface RetryPolicy {

    /**
     * @param failedAttempts how many attempts of this task have failed so far, at least 1
     * @throws IllegalArgumentException if {@code failedAttempts < 1}
     */
    RetryDecision onFailure(int failedAttempts);
}
