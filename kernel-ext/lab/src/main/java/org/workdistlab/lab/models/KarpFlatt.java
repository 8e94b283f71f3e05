package org.workdistlab.lab.models;

/**
 * The Karp-Flatt experimentally determined serial fraction at one thread count.
 *
 * @param threads        thread count n (at least 2)
 * @param speedup        median measured speedup S at n
 * @param serialFraction {@code e = (1/S - 1/n) / (1 - 1/n)}
 */
public record KarpFlatt(int threads, double speedup, double serialFraction) {
}
