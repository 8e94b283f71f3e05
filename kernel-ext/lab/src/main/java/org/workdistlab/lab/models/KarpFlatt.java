package org.workdistlab.lab.models;

/**
 * The Karp-Flatt experimentally determined serial fraction at one thread count.
 *
 * <pre>{@code
 * for (KarpFlatt k : Amdahl.karpFlatt(Speedups.fromThroughput(trials))) {
 *     System.out.printf("N=%d  S=%.2f  e=%.3f%n", k.threads(), k.speedup(), k.serialFraction());
 * }
 * }</pre>
 *
 * @param threads        thread count n (at least 2)
 * @param speedup        median measured speedup S at n
 * @param serialFraction {@code e = (1/S - 1/n) / (1 - 1/n)}
 */
public record KarpFlatt(int threads, double speedup, double serialFraction) {
}
