package org.workdistlab.exercises.reference.workqueue;

import java.time.Duration;
import java.util.Objects;

import org.workdistlab.exercises.workqueue.Backoff;
import org.workdistlab.exercises.workqueue.RandomSource;
import org.workdistlab.exercises.workqueue.RetryDecision;
import org.workdistlab.exercises.workqueue.RetryPolicy;

/**
 * Capped exponential backoff with full jitter.
 *
 * <h2>Invariant</h2>
 * Retry {@code n} (0-based) waits {@code floor(u * min(cap, base * 2^n))} nanoseconds, {@code u} uniform in
 * [0, 1): never negative, never above the cap, and spread over the whole range so that clients that failed
 * together come back apart. The ceiling is computed by {@link Backoff#ceiling}, which cannot overflow.
 * Stateless apart from the random source, hence thread-safe.
 */
public final class ReferenceRetryPolicy implements RetryPolicy {

    private final Backoff backoff;
    private final RandomSource random;

    public ReferenceRetryPolicy(Backoff backoff, RandomSource random) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public RetryDecision onFailure(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be at least 1, got " + failedAttempts);
        }
        if (failedAttempts >= backoff.maxAttempts()) {
            return RetryDecision.GIVE_UP;
        }
        long ceiling = backoff.ceiling(failedAttempts - 1).toNanos();
        double u = random.nextDouble();
        long delay = (long) Math.floor(u * ceiling);
        return new RetryDecision.Retry(Duration.ofNanos(Math.max(0, Math.min(delay, ceiling))));
    }
}
