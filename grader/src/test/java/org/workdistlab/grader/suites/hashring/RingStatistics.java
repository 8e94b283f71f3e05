package org.workdistlab.grader.suites.hashring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How often the hash ring suite's statistical bars fail a CORRECT ring, i.e. one with an ideal hash over random
 * node names and keys. Three ways, which must agree:
 * <ol>
 *   <li><b>Exact model.</b> With V = nodes x vnodes uniform points on a circle, one node's share of the circle is
 *       the sum of its vnodes' arcs, a Beta(vnodes, V - vnodes) variable; its key count out of K keys is then
 *       Beta-binomial. The chance that the MOST loaded node exceeds the bar is at most nodes x the chance that one
 *       node does (union bound, tight for rare events). Computed by numeric integration.</li>
 *   <li><b>Monte Carlo of the model</b>: random uniform points, key counts with binomial noise.</li>
 *   <li><b>MD5 rings</b>: real rings as the contract defines them, random node names, real keys (slower, fewer).</li>
 * </ol>
 * Run: {@code java -cp ... org.workdistlab.grader.suites.hashring.RingStatistics [modelRings] [md5Rings] [seed]}.
 * The seed is printed; defaults 200,000 model rings and 100 MD5 rings.
 */
public final class RingStatistics {

    private RingStatistics() {
    }

    public static void main(String[] args) throws Exception {
        int modelRings = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int md5Rings = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : System.nanoTime();
        System.out.println("seed " + seed);
        int nodes = HashRingSuite.NODES;
        int vnodes = HashRingSuite.VNODES;
        int keys = HashRingSuite.KEYS;

        System.out.println("== balance: most loaded node / mean, " + nodes + " nodes x " + vnodes + " vnodes, " + keys
                + " keys");
        for (double bar : new double[] {1.25, 1.3, 1.4}) {
            System.out.printf(Locale.ROOT, "exact model, union bound: P(max/mean > %.2f) <= %.3g%n", bar,
                    balanceFailureBound(nodes, vnodes, keys, bar));
        }
        var random = new SplittableRandom(seed);
        double[] ratios = new double[modelRings];
        for (int r = 0; r < modelRings; r++) {
            ratios[r] = modelRing(nodes, vnodes, keys, random);
        }
        report("Monte Carlo model (" + modelRings + " rings)", ratios);

        double[] md5 = new double[md5Rings];
        for (int r = 0; r < md5Rings; r++) {
            md5[r] = md5Ring(nodes, vnodes, keys, random);
        }
        report("MD5 rings (" + md5Rings + " rings, random node names)", md5);

        System.out.println("== adding an 11th node: share of keys moved");
        System.out.printf(Locale.ROOT, "exact model: P(share < %.4f) = %.3g, P(share > %.4f) = %.3g%n",
                HashRingSuite.MOVED_MIN, shareTail(vnodes, nodes * vnodes, keys, HashRingSuite.MOVED_MIN, false),
                HashRingSuite.MOVED_MAX, shareTail(vnodes, nodes * vnodes, keys, HashRingSuite.MOVED_MAX, true));
    }

    private static void report(String what, double[] ratios) {
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        long over125 = Arrays.stream(ratios).filter(x -> x > 1.25).count();
        long over14 = Arrays.stream(ratios).filter(x -> x > HashRingSuite.BALANCE_BAR).count();
        System.out.printf(Locale.ROOT, "%s: median %.3f, p99 %.3f, max %.3f; > 1.25 in %d (1 in %.0f), > %.2f in %d%n",
                what, sorted[sorted.length / 2], sorted[(int) (sorted.length * 0.99)], sorted[sorted.length - 1],
                over125, over125 == 0 ? Double.NaN : ratios.length / (double) over125, HashRingSuite.BALANCE_BAR,
                over14);
    }

    /** Union bound: nodes x P(one node's key count > bar x mean), its share ~ Beta(vnodes, V - vnodes). */
    static double balanceFailureBound(int nodes, int vnodes, int keys, double bar) {
        double threshold = bar * keys / (double) nodes;
        return nodes * betaBinomialTail(vnodes, (nodes - 1) * vnodes, keys, threshold, true);
    }

    /** P(keys landing in a Beta(a, b) share are above (or below) {@code fraction} of {@code keys}). */
    static double shareTail(int a, int bTotal, int keys, double fraction, boolean upper) {
        return betaBinomialTail(a, bTotal, keys, fraction * keys, upper);
    }

    /**
     * P(X > threshold) (upper) or P(X < threshold) where X ~ Binomial(n, p), p ~ Beta(a, b): integrates the Beta
     * density against a normal approximation of the binomial tail (n p is in the thousands here).
     */
    static double betaBinomialTail(double a, double b, int n, double threshold, boolean upper) {
        double logNorm = logGamma(a + b) - logGamma(a) - logGamma(b);
        int steps = 200_000;
        double sum = 0;
        for (int i = 1; i < steps; i++) {
            double p = i / (double) steps;
            double density = Math.exp(logNorm + (a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p));
            double mean = n * p;
            double sd = Math.sqrt(n * p * (1 - p));
            double z = (threshold + (upper ? 0.5 : -0.5) - mean) / sd;
            sum += density * (upper ? upperNormal(z) : upperNormal(-z));
        }
        return sum / steps;
    }

    /** P(Z > z) for a standard normal, via erfc. */
    static double upperNormal(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes' erfcc; relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** Lanczos approximation (g = 7, n = 9), good to ~15 digits for x > 0. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
                -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
                1.5056327351493116e-7};
        x -= 1;
        double s = c[0];
        for (int i = 1; i < 9; i++) {
            s += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
    }

    /** One random ring of the model: uniform points, binomial key noise. Returns max/mean. */
    static double modelRing(int nodes, int vnodes, int keys, SplittableRandom random) {
        int v = nodes * vnodes;
        long[] packed = new long[v];
        for (int i = 0; i < v; i++) {
            // position in the high bits, owner in the low 8: sorting sorts by position
            packed[i] = (random.nextLong() & ~0xFFL) | (i % nodes);
        }
        Arrays.sort(packed);
        double[] share = new double[nodes];
        double unit = Math.pow(2, 64);
        for (int i = 0; i < v; i++) {
            long prev = packed[(i + v - 1) % v] & ~0xFFL;
            long here = packed[i] & ~0xFFL;
            double arc = (here - prev) / unit; // wraps correctly in two's complement
            if (arc <= 0) {
                arc += 1;
            }
            share[(int) (packed[i] & 0xFF)] += arc;
        }
        double max = 0;
        for (double p : share) {
            double count = keys * p + Math.sqrt(keys * p * (1 - p)) * gaussian(random);
            max = Math.max(max, count);
        }
        return max / (keys / (double) nodes);
    }

    private static double gaussian(SplittableRandom random) {
        double u = random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
    }

    /** One real ring as the contract defines it, random node names, random keys. Returns max/mean. */
    static double md5Ring(int nodes, int vnodes, int keys, SplittableRandom random) throws Exception {
        var md5 = MessageDigest.getInstance("MD5");
        String[] names = new String[nodes];
        var points = new java.util.TreeMap<Long, String>();
        for (int n = 0; n < nodes; n++) {
            names[n] = "node-" + Long.toHexString(random.nextLong());
            for (int i = 0; i < vnodes; i++) {
                points.put(pos(md5, names[n] + "#" + i), names[n]);
            }
        }
        var counts = new HashMap<String, Integer>();
        long salt = random.nextLong();
        for (int k = 0; k < keys; k++) {
            var e = points.ceilingEntry(pos(md5, "key-" + salt + "-" + k));
            counts.merge((e != null ? e : points.firstEntry()).getValue(), 1, Integer::sum);
        }
        int max = counts.values().stream().max(Integer::compare).orElse(0);
        return max / (keys / (double) nodes);
    }

    private static long pos(MessageDigest md5, String s) {
        return java.nio.ByteBuffer.wrap(md5.digest(s.getBytes(StandardCharsets.UTF_8))).getLong();
    }
}
