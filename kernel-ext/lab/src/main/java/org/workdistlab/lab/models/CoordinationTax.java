package org.workdistlab.lab.models;

/**
 * The course module's own coordination formulas (Module 1, Focus Block 1 and Exercise 1), as functions.
 *
 * <p><b>These are illustrative models, not published laws</b> (see the course's FACT-CHECK, rows 3, 4 and 8).
 * The path count is Brooks's n(n-1)/2 (<i>The Mythical Man-Month</i>, 1975, ch. 2), which applies only when every
 * worker must coordinate with every other one. {@code N / (1 + c N^2)} is close to the USL with sigma = 0, but
 * nobody measured c; and the Exercise 1 calculator subtracts overhead linearly, which produces negative workers
 * once coordination takes longer than the work (see {@link OverheadEstimate#problems()}).
 *
 * <pre>{@code
 * CoordinationTax.paths(10);                        // 45
 * CoordinationTax.effectiveWorkers(100, 0.001);     // 9.09
 * CoordinationTax.overhead(50, 1.0, 1000.0);        // 1225 paths, 122.5 %, -11.25 effective nodes (nonsense)
 * CoordinationTax.firstNonsensicalNodeCount(1.0, 1000.0); // 46
 * }</pre>
 */
public final class CoordinationTax {
    private CoordinationTax() {
    }

    /** Pairwise communication paths among {@code n} workers: {@code n (n - 1) / 2}. */
    public static long paths(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("worker count must be >= 0, was " + n);
        }
        return n <= 1 ? 0 : Math.multiplyExact(n, n - 1) / 2;
    }

    /** The module's effective-workers model {@code N / (1 + c N^2)} for coordination cost {@code c >= 0}. */
    public static double effectiveWorkers(double n, double c) {
        checkCost(c);
        if (!(n >= 0)) {
            throw new IllegalArgumentException("worker count must be >= 0, was " + n);
        }
        return n / (1.0 + c * n * n);
    }

    /** Share of capacity the model loses to coordination, {@code 1 - effective/N = c N^2 / (1 + c N^2)}. */
    public static double overheadShare(double n, double c) {
        checkCost(c);
        return c * n * n / (1.0 + c * n * n);
    }

    /**
     * Where {@link #effectiveWorkers} peaks: {@code N = 1 / sqrt(c)} (about 31.6 for c = 0.001), with
     * {@code 1 / (2 sqrt(c))} effective workers there; beyond it, adding workers lowers the total.
     */
    public static double peakWorkers(double c) {
        checkCost(c);
        return c == 0 ? Double.POSITIVE_INFINITY : 1.0 / Math.sqrt(c);
    }

    /**
     * The Exercise 1 calculator, computed exactly as the module writes it: {@code paths * t / total * 100 %}
     * overhead and {@code nodes * (1 - overhead)} effective nodes. It returns nonsense (negative nodes) rather
     * than failing, so a notebook can show the nonsense; {@link OverheadEstimate#problems()} names it.
     */
    public static OverheadEstimate overhead(int nodes, double coordinationMsPerPath, double totalWorkMs) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes must be >= 1, was " + nodes);
        }
        if (!(coordinationMsPerPath >= 0)) {
            throw new IllegalArgumentException("coordination time per path must be >= 0 ms, was " + coordinationMsPerPath);
        }
        if (!(totalWorkMs > 0)) {
            throw new IllegalArgumentException("total work time must be > 0 ms, was " + totalWorkMs);
        }
        long paths = paths(nodes);
        double overheadPercent = paths * coordinationMsPerPath / totalWorkMs * 100.0;
        double effective = nodes * (1.0 - overheadPercent / 100.0);
        return new OverheadEstimate(nodes, coordinationMsPerPath, totalWorkMs, paths, overheadPercent, effective);
    }

    /**
     * The smallest node count for which the Exercise 1 calculator claims more than 100 % overhead and so returns
     * negative effective nodes: the first n with {@code n (n - 1) / 2 * t > total}.
     */
    public static int firstNonsensicalNodeCount(double coordinationMsPerPath, double totalWorkMs) {
        if (!(coordinationMsPerPath > 0)) {
            throw new IllegalArgumentException("with zero coordination time the calculator never exceeds 100 %");
        }
        int n = 1;
        while (paths(n) * coordinationMsPerPath <= totalWorkMs) {
            n++;
        }
        return n;
    }

    private static void checkCost(double c) {
        if (!(c >= 0)) {
            throw new IllegalArgumentException("coordination cost c must be >= 0, was " + c);
        }
    }
}
