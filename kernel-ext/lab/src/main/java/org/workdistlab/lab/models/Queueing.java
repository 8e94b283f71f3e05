package org.workdistlab.lab.models;

/**
 * The M/M/1 queue (a model): Poisson arrivals, exponential service times, one server, FIFO, steady state.
 * Mean response time is {@code R = S / (1 - rho)} for service time S and utilisation rho &lt; 1. It rises smoothly
 * and without bound as rho approaches 1; there is no cliff at 70 % (at 70 % R is 3.33 S, at 90 % 10 S).
 * Real queues differ (more servers, other distributions), so use it for the shape, not for exact numbers.
 *
 * <pre>{@code
 * Queueing.mm1ResponseTime(10.0, 0.7); // 33.3 (ms, if S was in ms)
 * }</pre>
 */
public final class Queueing {
    private Queueing() {
    }

    /** Mean M/M/1 response time (waiting plus service), in the unit of {@code serviceTime}. */
    public static double mm1ResponseTime(double serviceTime, double utilisation) {
        if (!(serviceTime > 0)) {
            throw new IllegalArgumentException("service time must be > 0, was " + serviceTime);
        }
        return serviceTime * mm1ResponseFactor(utilisation);
    }

    /** {@code R / S = 1 / (1 - rho)}. */
    public static double mm1ResponseFactor(double utilisation) {
        if (!(utilisation >= 0 && utilisation < 1)) {
            throw new IllegalArgumentException("utilisation must be in [0, 1) for a stable M/M/1 queue, was "
                    + utilisation + "; at or above 1 the queue grows without bound");
        }
        return 1.0 / (1.0 - utilisation);
    }

    /** Mean number in the system, {@code L = rho / (1 - rho)} (Little's law: L = arrival rate x R). */
    public static double mm1MeanInSystem(double utilisation) {
        return mm1ResponseFactor(utilisation) * utilisation;
    }
}
