package org.workdistlab.exercises.workqueue;

import java.time.Duration;

/**
 * Settings of exponential backoff with full jitter.
 *
 * <p>Before retry number {@code n} ({@code n = 0} for the first retry, i.e. after the first failure) the
 * <em>ceiling</em> is {@code min(cap, base * 2^n)} and the delay is drawn uniformly from {@code [0, ceiling)}
 * ("full jitter", see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). Symmetric
 * jitter ({@code base * 2^n + uniform(-j, j)}) is wrong: it can go negative and it exceeds the cap.
 *
 * @param base        ceiling of the first retry's delay; positive
 * @param cap         largest ceiling; at least {@code base}
 * @param maxAttempts attempts in total, the first one included; at least 1 (1 means never retry)
 */
public record Backoff(Duration base, Duration cap, int maxAttempts) {

    public Backoff {
        if (base == null || cap == null) {
            throw new NullPointerException("base and cap are required");
        }
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive, got " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap (" + cap + ") must be at least base (" + base + ")");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /**
     * The ceiling before retry {@code n} (0-based): {@code min(cap, base * 2^n)}, without overflow for any
     * {@code n >= 0}.
     */
    public Duration ceiling(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("retry number must be >= 0, got " + n);
        }
        long baseNanos = base.toNanos();
        long capNanos = cap.toNanos();
        // base * 2^n > cap  <=>  base > cap >> n; checking this way never overflows.
        if (n >= 63 || baseNanos > (capNanos >> n)) {
            return cap;
        }
        return Duration.ofNanos(baseNanos << n);
    }
}
