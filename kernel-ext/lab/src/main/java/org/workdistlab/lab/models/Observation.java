package org.workdistlab.lab.models;

/**
 * One measured trial: at {@code threads} concurrent workers the run achieved {@code value} (a throughput in
 * work units per second, or a speedup, as the consumer states). Fits take one observation per trial, not per
 * thread count, so that their uncertainty bands can be bootstrapped over trials.
 */
public record Observation(int threads, double value) {
    public Observation {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("value must be finite, was " + value);
        }
    }
}
