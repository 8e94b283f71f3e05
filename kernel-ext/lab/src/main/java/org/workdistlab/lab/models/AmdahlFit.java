package org.workdistlab.lab.models;

import java.util.List;

/**
 * A serial fraction fitted to measured speedups by least squares (see {@link Amdahl#fit}), with its goodness of
 * fit and the data it was fitted to. A model, not a measurement: a good R^2 says the curve's shape fits, not that
 * the program has a serial part of that size (contention and coordination costs can look alike over few points).
 *
 * <pre>{@code
 * AmdahlFit fit = Amdahl.fit(Speedups.fromThroughput(trials));
 * fit.predict(64);  // speedup the model predicts at 64 threads
 * fit.limit();      // 1 / s
 * }</pre>
 *
 * @param serialFraction        fitted s in [0, 1]
 * @param rSquared              1 - SSE/SST over all trials (can be negative when the model fits worse than a flat line)
 * @param residualStandardError sqrt(SSE / (trials - 1)); NaN with a single trial
 * @param data                  the speedup observations fitted to
 */
public record AmdahlFit(double serialFraction, double rSquared, double residualStandardError, List<Observation> data) {
    public AmdahlFit {
        data = List.copyOf(data);
    }

    /** Predicted speedup at {@code n} threads. */
    public double predict(double n) {
        return Amdahl.speedup(serialFraction, n);
    }

    /** The ceiling 1/s. */
    public double limit() {
        return Amdahl.limit(serialFraction);
    }

    /** Karp-Flatt metric of the fitted data, per thread count above one. */
    public List<KarpFlatt> karpFlatt() {
        return Amdahl.karpFlatt(data);
    }

    @Override
    public String toString() {
        return String.format("Amdahl fit: serial fraction %.4f (limit %.2fx), R^2 %.4f, residual SE %.4g, %d trials",
                serialFraction, limit(), rSquared, residualStandardError, data.size());
    }
}
