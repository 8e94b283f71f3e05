package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Amdahl's law (a model): {@code S(n) = 1 / (s + (1 - s) / n)} for a serial fraction {@code s} in [0, 1].
 *
 * <p>Assumptions: a fixed problem size (strong scaling; Gustafson's law covers growing problems), a serial part
 * that no thread can share, a parallel part that splits perfectly, and no cost for coordinating the threads.
 * As {@code n -> infinity} the speedup tends to {@code 1/s}: 10x for s = 0.1, 5x for 0.2, 3.33x for 0.3, 2x for
 * 0.5; at n = 1000 it is 4.98x for s = 0.2 and 3.99x for s = 0.25 (Amdahl, AFIPS 1967,
 * doi:10.1145/1465482.1465560).
 *
 * <pre>{@code
 * AmdahlFit fit = Amdahl.fit(Speedups.fromThroughput(trials));
 * fit.serialFraction();            // least-squares s, bounded to [0, 1]
 * Amdahl.karpFlatt(speedupTrials); // e per thread count; rising e = coordination cost, not just a serial part
 * }</pre>
 */
public final class Amdahl {
    private Amdahl() {
    }

    /** Predicted speedup at {@code n} threads for serial fraction {@code s}. */
    public static double speedup(double serialFraction, double n) {
        checkFraction(serialFraction);
        if (!(n >= 1)) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
        return 1.0 / (serialFraction + (1.0 - serialFraction) / n);
    }

    /** The ceiling {@code 1/s} as n grows without bound (infinite for s = 0). */
    public static double limit(double serialFraction) {
        checkFraction(serialFraction);
        return 1.0 / serialFraction;
    }

    /**
     * Least-squares serial fraction from measured speedups (one observation per trial, relative to the
     * one-thread median, see {@link Speedups}). Minimises {@code sum (S_i - S(n_i; s))^2} over s in [0, 1] with a
     * grid search followed by Brent's method, so a bound is reached exactly when the data ask for it.
     */
    public static AmdahlFit fit(List<Observation> speedups) {
        if (speedups == null || speedups.isEmpty()) {
            throw new IllegalArgumentException("no observations: pass measured speedups, one Observation per trial");
        }
        List<Observation> data = List.copyOf(speedups);
        int counts = PointSummary.groups(data).size();
        if (counts < 2) {
            throw new IllegalArgumentException("cannot fit a serial fraction to 1 thread count: every s predicts"
                    + " speedup 1 at one thread; measure at least 2 (better 4) thread counts");
        }
        int grid = 200;
        double best = 0;
        double bestSse = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= grid; i++) {
            double s = (double) i / grid;
            double sse = sse(data, s);
            if (sse < bestSse) {
                bestSse = sse;
                best = s;
            }
        }
        double lo = Math.max(0, best - 1.0 / grid);
        double hi = Math.min(1, best + 1.0 / grid);
        var brent = new BrentOptimizer(1e-12, 1e-14);
        double s = brent.optimize(new MaxEval(1000), GoalType.MINIMIZE,
                new UnivariateObjectiveFunction(x -> sse(data, x)), new SearchInterval(lo, hi, best)).getPoint();
        if (sse(data, best) < sse(data, s)) {
            s = best;
        }
        double sseFit = sse(data, s);
        return new AmdahlFit(s, Fits.rSquared(data, sseFit), Fits.residualSe(sseFit, data.size(), 1), data);
    }

    /**
     * The Karp-Flatt metric, the experimentally determined serial fraction, per thread count above one:
     * {@code e = (1/S - 1/n) / (1 - 1/n)} with S the median measured speedup at n. Constant e is what Amdahl's
     * law predicts; an e that rises with n points to coordination cost growing with the thread count (Karp and
     * Flatt, CACM 33(5), 1990).
     */
    public static List<KarpFlatt> karpFlatt(List<Observation> speedups) {
        var out = new ArrayList<KarpFlatt>();
        for (PointSummary p : PointSummary.byThreads(speedups)) {
            if (p.threads() > 1) {
                out.add(new KarpFlatt(p.threads(), p.median(), karpFlatt(p.median(), p.threads())));
            }
        }
        return List.copyOf(out);
    }

    /** Karp-Flatt e for one speedup {@code s} at {@code n > 1} threads. */
    public static double karpFlatt(double speedup, int n) {
        if (n < 2) {
            throw new IllegalArgumentException("Karp-Flatt needs n >= 2 threads (at n = 1 it is 0/0), was " + n);
        }
        if (!(speedup > 0)) {
            throw new IllegalArgumentException("speedup must be > 0, was " + speedup);
        }
        return (1.0 / speedup - 1.0 / n) / (1.0 - 1.0 / n);
    }

    private static double sse(List<Observation> data, double s) {
        double sum = 0;
        for (Observation o : data) {
            double r = o.value() - 1.0 / (s + (1.0 - s) / o.threads());
            sum += r * r;
        }
        return sum;
    }

    private static void checkFraction(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("serial fraction must be in [0, 1], was " + s);
        }
    }

}
