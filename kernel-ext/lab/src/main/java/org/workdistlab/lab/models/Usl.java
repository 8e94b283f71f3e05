package org.workdistlab.lab.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Gunther's Universal Scalability Law (a model):
 * {@code X(N) = lambda * N / (1 + sigma * (N - 1) + kappa * N * (N - 1))}.
 *
 * <p>{@code lambda} is the throughput of one worker, {@code sigma} the contention (the share of work queued on a
 * shared resource; with kappa = 0 the law is Amdahl's with serial fraction sigma) and {@code kappa} the coherency
 * cost (every pair of workers exchanging data, the N(N-1) term). In relative form, {@code C(N) = X(N) / X(1)},
 * lambda is 1. When kappa &gt; 0 throughput peaks at {@code N* = sqrt((1 - sigma) / kappa)} and then declines
 * towards zero; it never becomes negative (Gunther, <i>Guerrilla Capacity Planning</i>, 2007; Schwartz,
 * <i>Practical Scalability Analysis with the Universal Scalability Law</i>, VividCortex 2015).
 *
 * <p>Assumptions of the fit: the workload per worker is fixed, the trials at a thread count are independent and
 * share one noise level (ordinary least squares on throughput, every trial weighs the same), sigma lies in [0, 1]
 * (a share of the work) and kappa &gt;= 0. The one-thread throughput is a free parameter: the measured one-thread
 * point is as noisy as any other.
 *
 * <pre>{@code
 * UslFit fit = Usl.fit(throughputTrials);           // needs >= 4 distinct thread counts
 * fit.sigma(); fit.kappa(); fit.lambda();
 * fit.peakConcurrency();                            // N*, infinite when kappa = 0
 * UslBand band = fit.bootstrap(200, 42L);           // 2.5% / 97.5% curves, resampling trials per thread count
 * }</pre>
 */
public final class Usl {
    /** Fewer distinct thread counts than this leave a three-parameter curve with no degrees of freedom to judge it. */
    public static final int MIN_THREAD_COUNTS = 4;

    private Usl() {
    }

    /** Predicted throughput at {@code n} workers. */
    public static double throughput(double lambda, double sigma, double kappa, double n) {
        return lambda * n / (1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0));
    }

    /** Predicted relative capacity {@code X(N)/X(1)} (lambda = 1). */
    public static double speedup(double sigma, double kappa, double n) {
        return throughput(1.0, sigma, kappa, n);
    }

    /** {@code N* = sqrt((1 - sigma) / kappa)}: infinite when kappa = 0, 1 when sigma &gt;= 1 (no gain at all). */
    public static double peakConcurrency(double sigma, double kappa) {
        if (sigma >= 1) {
            return 1.0;
        }
        return kappa == 0 ? Double.POSITIVE_INFINITY : Math.sqrt((1.0 - sigma) / kappa);
    }

    /**
     * Fits lambda, sigma and kappa to throughput trials (one observation per trial) by bounded nonlinear least
     * squares (Levenberg-Marquardt; after each step sigma is projected onto [0, 1] and kappa onto [0, inf)),
     * started from Gunther's linearisation: with {@code x = N - 1} and {@code C = X / lambda0},
     * {@code N/C - 1 = (sigma + kappa) x + kappa x^2}, a quadratic through the origin. It solves the same least-squares
     * problem as the R {@code usl} package from version 2 (throughput, lambda free, there called gamma).
     *
     * @throws IllegalArgumentException with fewer than {@value #MIN_THREAD_COUNTS} distinct thread counts
     */
    public static UslFit fit(List<Observation> throughput) {
        return fit(throughput, false);
    }

    /**
     * Fits sigma and kappa to relative capacities {@code C(N) = X(N)/X(1)} (speedups, lambda fixed at 1), the
     * form in which Gunther states the law.
     *
     * @throws IllegalArgumentException with fewer than {@value #MIN_THREAD_COUNTS} distinct thread counts
     */
    public static UslFit fitRelative(List<Observation> speedups) {
        return fit(speedups, true);
    }

    /**
     * Gunther's original linearised estimate (<i>Guerrilla Capacity Planning</i>, sect. 5.2.3; the default method
     * of the R {@code usl} package before version 2): lambda is the median one-thread throughput, and sigma and
     * kappa come from ordinary least squares of {@code y = N/C - 1} on {@code x = N - 1} as the quadratic
     * {@code y = (sigma + kappa) x + kappa x^2} through the origin, one point per thread count (medians). It needs
     * no iteration but trusts the one-thread point completely; {@link #fit} is the better estimate.
     *
     * @throws IllegalArgumentException without 1-thread trials or with fewer than {@value #MIN_THREAD_COUNTS}
     *                                  distinct thread counts
     */
    public static UslFit fitLinearised(List<Observation> throughput) {
        Map<Integer, List<Double>> groups = PointSummary.groups(throughput);
        checkCounts(groups);
        double lambda = Speedups.baseline(throughput);
        double[] ab = quadraticThroughOrigin(groups, lambda);
        double kappa = ab[1];
        double sigma = ab[0] - ab[1];
        List<Observation> data = List.copyOf(throughput);
        double sse = sse(data, lambda, sigma, kappa);
        return new UslFit(lambda, sigma, kappa, Fits.rSquared(data, sse), Fits.residualSe(sse, data.size(), 3), data,
                false);
    }

    private static void checkCounts(Map<Integer, List<Double>> groups) {
        if (groups.size() < MIN_THREAD_COUNTS) {
            throw new IllegalArgumentException("cannot fit the USL to " + groups.size()
                    + " distinct thread count(s) " + groups.keySet() + ": measure at least " + MIN_THREAD_COUNTS
                    + " (e.g. 1, 2, 4, 8) so three parameters leave something to check the fit");
        }
    }

    static UslFit fit(List<Observation> observations, boolean relative) {
        Map<Integer, List<Double>> groups = PointSummary.groups(observations);
        checkCounts(groups);
        double[] s = start(groups, relative);
        // the linearised start is usually close; two generic starts guard against a poor one (noisy 1-thread data)
        return fit(observations, relative, s, new double[] {s[0], 0.05, 1e-4}, new double[] {s[0], 0.0, 0.0});
    }

    /** Fits from the given starting points {lambda, sigma, kappa} and keeps the lowest sum of squares. */
    static UslFit fit(List<Observation> observations, boolean relative, double[]... starts) {
        checkCounts(PointSummary.groups(observations));
        List<Observation> data = List.copyOf(observations);
        double[] p = solve(data, relative, starts);
        double sse = sse(data, p[0], p[1], p[2]);
        int k = relative ? 2 : 3;
        return new UslFit(p[0], p[1], p[2], Fits.rSquared(data, sse), Fits.residualSe(sse, data.size(), k), data,
                relative);
    }

    /** Starting values from the linearised form, using medians per thread count, clamped to sigma, kappa >= 0. */
    static double[] start(Map<Integer, List<Double>> groups, boolean relative) {
        int nMin = groups.keySet().iterator().next();
        double lambda0 = relative ? 1.0 : median(groups.get(nMin)) / nMin;
        double[] ab = quadraticThroughOrigin(groups, lambda0);
        double kappa = Math.max(ab[1], 0);
        double sigma = Math.max(ab[0] - ab[1], 0);
        return new double[] {lambda0, Math.min(sigma, 1.0), kappa};
    }

    /**
     * Least squares of {@code y = N/C - 1} on {@code x = N - 1} as {@code y = b x + a x^2} (no intercept), with
     * {@code C = median X(N) / lambda}; returns {b, a}. Points at N = 1 have x = y = 0 and add nothing.
     */
    private static double[] quadraticThroughOrigin(Map<Integer, List<Double>> groups, double lambda) {
        double sxx = 0, sxxx = 0, sxxxx = 0, sxy = 0, sxxy = 0;
        for (var e : groups.entrySet()) {
            int n = e.getKey();
            double c = median(e.getValue()) / lambda;
            if (n == 1 || !(c > 0)) {
                continue;
            }
            double x = n - 1.0;
            double y = n / c - 1.0;
            sxx += x * x;
            sxxx += x * x * x;
            sxxxx += x * x * x * x;
            sxy += x * y;
            sxxy += x * x * y;
        }
        double det = sxx * sxxxx - sxxx * sxxx;
        if (det == 0) {
            return new double[] {0, 0};
        }
        return new double[] {(sxxxx * sxy - sxxx * sxxy) / det, (sxx * sxxy - sxxx * sxy) / det};
    }

    private static double[] solve(List<Observation> data, boolean relative, double[][] starts) {
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        RuntimeException lastFailure = null;
        for (double[] s : starts) {
            try {
                double[] p = optimise(data, relative, s);
                double sse = sse(data, p[0], p[1], p[2]);
                if (sse < bestSse) {
                    bestSse = sse;
                    best = p;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
        }
        if (best == null) {
            throw new IllegalStateException("USL fit did not converge: " + lastFailure.getMessage()
                    + "; check the data for outliers or a thread count with no useful trials", lastFailure);
        }
        return best;
    }

    private static double[] optimise(List<Observation> data, boolean relative, double[] start) {
        int m = data.size();
        double[] target = new double[m];
        for (int i = 0; i < m; i++) {
            target[i] = data.get(i).value();
        }
        MultivariateJacobianFunction model = point -> {
            double lambda = relative ? 1.0 : point.getEntry(0);
            double sigma = point.getEntry(relative ? 0 : 1);
            double kappa = point.getEntry(relative ? 1 : 2);
            var value = new ArrayRealVector(m);
            var jac = new Array2DRowRealMatrix(m, relative ? 2 : 3);
            for (int i = 0; i < m; i++) {
                double n = data.get(i).threads();
                double d = 1.0 + sigma * (n - 1.0) + kappa * n * (n - 1.0);
                value.setEntry(i, lambda * n / d);
                int c = 0;
                if (!relative) {
                    jac.setEntry(i, c++, n / d);
                }
                jac.setEntry(i, c++, -lambda * n * (n - 1.0) / (d * d));
                jac.setEntry(i, c, -lambda * n * n * (n - 1.0) / (d * d));
            }
            return new Pair<>(value, jac);
        };
        double[] initial = relative ? new double[] {start[1], start[2]} : start.clone();
        LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer(100, 1e-12, 1e-12, 1e-12, 1e-300)
                .optimize(new LeastSquaresBuilder()
                        .model(model)
                        .target(target)
                        .start(initial)
                        .parameterValidator(Usl::project)
                        .maxEvaluations(10_000)
                        .maxIterations(10_000)
                        .lazyEvaluation(false)
                        .build());
        double[] p = project(optimum.getPoint()).toArray();
        return relative ? new double[] {1.0, p[0], p[1]} : p;
    }

    /** Keeps sigma in [0, 1], kappa at or above zero and lambda (if present) positive. */
    private static RealVector project(RealVector p) {
        RealVector q = p.copy();
        int d = q.getDimension();
        q.setEntry(d - 1, Math.max(0, q.getEntry(d - 1)));
        q.setEntry(d - 2, Math.min(1, Math.max(0, q.getEntry(d - 2))));
        if (d == 3) {
            q.setEntry(0, Math.max(Double.MIN_NORMAL, q.getEntry(0)));
        }
        return q;
    }

    static double sse(List<Observation> data, double lambda, double sigma, double kappa) {
        double sum = 0;
        for (Observation o : data) {
            double r = o.value() - throughput(lambda, sigma, kappa, o.threads());
            sum += r * r;
        }
        return sum;
    }

    private static double median(List<Double> values) {
        return PointSummary.median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Resamples trials with replacement within each thread count, keeping each group's size. The deviations from
     * the group mean are inflated by {@code sqrt(n / (n - 1))}: a plain resample of n trials has a spread (n-1)/n
     * times the sample variance, which makes bands too narrow for the 3 to 10 trials a notebook affords
     * (Davison and Hinkley, <i>Bootstrap Methods and their Application</i>, 1997, sect. 2.3 and 6.2.3).
     */
    static List<Observation> resample(Map<Integer, List<Double>> groups, java.util.SplittableRandom random) {
        var out = new ArrayList<Observation>();
        groups.forEach((n, values) -> {
            int k = values.size();
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double inflate = k > 1 ? Math.sqrt(k / (k - 1.0)) : 1.0;
            for (int i = 0; i < k; i++) {
                double v = values.get(random.nextInt(k));
                out.add(new Observation(n, mean + inflate * (v - mean)));
            }
        });
        return out;
    }
}
