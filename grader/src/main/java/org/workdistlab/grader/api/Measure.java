package org.workdistlab.grader.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fair performance comparisons for checks where speed is part of the lesson: time the learner's code and the
 * reference alternately in the same JVM, after warm-up, and grade the ratio of medians in bands, never an absolute
 * time (the same code is 3x slower on a loaded laptop than on an idle server, but the ratio to the reference
 * measured in the same run barely moves).
 *
 * <pre>{@code
 * var cmp = Measure.alternating(() -> fill(learnerRing), () -> fill(referenceRing), 3, 7);
 * Report.performance(cmp, Measure.Bands.DEFAULT, "lookups/s", 1_000_000, "your ring");
 * // "your ring: 1.9 M lookups/s; reference: 2.4 M lookups/s on 2 cores (1.26x the reference's time) - full points"
 * }</pre>
 *
 * <p>How: warm-ups alternate learner, reference; measured runs alternate the order in pairs (L R, R L, ...) so
 * neither side always runs on a warmer cache or right after a GC. Each side's median is taken; the ratio is
 * learner median / reference median (above 1 means slower than the reference).
 *
 * <p>Cores: {@link #cores()} reads {@code Runtime.availableProcessors()}, overridden by the environment variable
 * {@value #CORES_ENV} (for CI runners whose container limits lie). Size the work by it (threads = cores) and say
 * it in the feedback; the ratio already scales.
 */
public final class Measure {

    /** Environment variable that declares the cores the grader may use. */
    public static final String CORES_ENV = "WDL_GRADER_CORES";

    private Measure() {
    }

    /** The cores to scale expectations by: {@value #CORES_ENV} if set to a positive integer, else what the JVM sees. */
    public static int cores() {
        String declared = System.getenv(CORES_ENV);
        if (declared != null) {
            try {
                int n = Integer.parseInt(declared.trim());
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to what the JVM sees
            }
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Runs {@code learner} and {@code reference} alternately: {@code warmups} untimed rounds, then {@code runs} timed
     * runs of each. Exceptions propagate (a failing learner run fails the check).
     */
    public static Comparison alternating(Runnable learner, Runnable reference, int warmups, int runs) {
        Objects.requireNonNull(learner, "learner must not be null");
        Objects.requireNonNull(reference, "reference must not be null");
        if (warmups < 0 || runs < 1) {
            throw new IllegalArgumentException("need warmups >= 0 and runs >= 1, got " + warmups + ", " + runs);
        }
        for (int i = 0; i < warmups; i++) {
            learner.run();
            reference.run();
        }
        var l = new ArrayList<Duration>(runs);
        var r = new ArrayList<Duration>(runs);
        for (int i = 0; i < runs; i++) {
            if (i % 2 == 0) {
                l.add(time(learner));
                r.add(time(reference));
            } else {
                r.add(time(reference));
                l.add(time(learner));
            }
        }
        return new Comparison(l, r);
    }

    private static Duration time(Runnable task) {
        long start = System.nanoTime();
        task.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Which band {@code ratio} falls in. */
    public static Band band(double ratio, double fullWithin, double partialUpTo) {
        return new Bands(fullWithin, partialUpTo).band(ratio);
    }

    /** A grading band. */
    public enum Band { FULL, PARTIAL, NONE }

    /**
     * Ratio bands: full points up to {@code fullWithin} times the reference's time, partial up to
     * {@code partialUpTo}, none beyond.
     */
    public record Bands(double fullWithin, double partialUpTo) {

        /** Full within 1.5x, partial up to 5x (issue 3's bands). */
        public static final Bands DEFAULT = new Bands(1.5, 5.0);

        public Bands {
            if (!(fullWithin >= 1.0) || !(partialUpTo >= fullWithin)) {
                throw new IllegalArgumentException("need 1 <= fullWithin <= partialUpTo, got " + fullWithin + ", "
                        + partialUpTo);
            }
        }

        public Band band(double ratio) {
            return ratio <= fullWithin ? Band.FULL : ratio <= partialUpTo ? Band.PARTIAL : Band.NONE;
        }

        /**
         * Points for {@code ratio} out of {@code max}: {@code max} in the full band, 0 beyond {@code partialUpTo},
         * and in between linear from {@code max} at {@code fullWithin} down to 0 at {@code partialUpTo}, rounded
         * and kept within 1..max-1 (so partial is always some but never all; a 1-point check earns 0 when partial).
         */
        public int points(double ratio, int max) {
            return switch (band(ratio)) {
                case FULL -> max;
                case NONE -> 0;
                case PARTIAL -> {
                    if (max <= 1) {
                        yield 0;
                    }
                    long p = Math.round(max * (partialUpTo - ratio) / (partialUpTo - fullWithin));
                    yield (int) Math.max(1, Math.min(max - 1, p));
                }
            };
        }
    }

    /** Timed runs of both sides. */
    public record Comparison(List<Duration> learnerRuns, List<Duration> referenceRuns) {

        public Comparison {
            learnerRuns = List.copyOf(learnerRuns);
            referenceRuns = List.copyOf(referenceRuns);
            if (learnerRuns.isEmpty() || referenceRuns.isEmpty()) {
                throw new IllegalArgumentException("need at least one run per side");
            }
        }

        public Duration learnerMedian() {
            return median(learnerRuns);
        }

        public Duration referenceMedian() {
            return median(referenceRuns);
        }

        /** Learner median over reference median: 2.0 means the learner's code took twice as long. */
        public double ratio() {
            return (double) Math.max(1, learnerMedian().toNanos()) / Math.max(1, referenceMedian().toNanos());
        }

        /**
         * E.g. "your batcher: 1.9 M items/s; reference: 2.4 M items/s on 2 cores (1.26x the reference's time)".
         */
        public String describe(String what, String unit, double workPerRun) {
            return String.format(Locale.ROOT, "%s: %s %s; reference: %s %s on %d cores (%.2fx the reference's time)",
                    what, rate(workPerRun, learnerMedian()), unit, rate(workPerRun, referenceMedian()), unit,
                    cores(), ratio());
        }

        private static String rate(double work, Duration d) {
            double perSecond = work / Math.max(1e-9, d.toNanos() / 1e9);
            if (perSecond >= 1e6) {
                return String.format(Locale.ROOT, "%.1f M", perSecond / 1e6);
            }
            if (perSecond >= 1e3) {
                return String.format(Locale.ROOT, "%.1f k", perSecond / 1e3);
            }
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }

        private static Duration median(List<Duration> runs) {
            var sorted = runs.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        }
    }
}
