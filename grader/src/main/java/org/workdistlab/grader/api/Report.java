package org.workdistlab.grader.api;

import java.util.Locale;
import java.util.Objects;

/**
 * How a check tells the grader more than pass or fail: measurements (counts, ratios, throughput), a message for a
 * passed check, and partial points (performance bands). Call it from a suite's {@link Check} method, on any thread,
 * while the check runs.
 *
 * <pre>{@code
 * @Check(id = "throughput", points = 3, hint = "...", section = "...", requires = {"exactly-once"})
 * void throughput() {
 *     var cmp = Measure.alternating(() -> run(learner), () -> run(reference), 3, 7);
 *     Report.performance(cmp, Measure.Bands.DEFAULT, "items/s", 1_000_000, "your batcher");
 * }
 * }</pre>
 *
 * <p>Inside the grader's forked JVM these values travel in the check's result event and land in every output
 * format ({@code measurements} in JSON, the message in the summary). Anywhere else (e.g. a suite run directly by
 * an IDE) they are discarded, so suites stay plain JUnit tests.
 *
 * <p>Partial points only count if the check then passes: a check that fails or throws earns nothing whatever it
 * reported. Learner code cannot call this class: the static check rejects any use of the grader's packages.
 */
public final class Report {

    /** Receives what checks report. Installed by the grader's fork for the duration of each check. */
    public interface Sink {
        void measurement(String name, Object value);

        void partial(int points, String message);

        void message(String message);

        /** The running check's points, or 0 when unknown (outside the fork). */
        int maxPoints();
    }

    private static final Sink DISCARD = new Sink() {
        @Override
        public void measurement(String name, Object value) {
        }

        @Override
        public void partial(int points, String message) {
        }

        @Override
        public void message(String message) {
        }

        @Override
        public int maxPoints() {
            return 0;
        }
    };

    private static volatile Sink sink = DISCARD;

    private Report() {
    }

    /** Records a number the learner should see, e.g. {@code measurement("batches of size 10", 100)}. */
    public static void measurement(String name, double value) {
        sink.measurement(Objects.requireNonNull(name, "name must not be null"), value);
    }

    /** Records a count. */
    public static void measurement(String name, long value) {
        sink.measurement(Objects.requireNonNull(name, "name must not be null"), value);
    }

    /** Records a short text fact, e.g. {@code note("stolen from", "the tail")}. */
    public static void note(String name, String value) {
        sink.measurement(Objects.requireNonNull(name, "name must not be null"), String.valueOf(value));
    }

    /** The message shown for this check even if it passes (e.g. what was measured). */
    public static void message(String message) {
        sink.message(message);
    }

    /**
     * Award only {@code points} (0..the check's points) if the check passes, with {@code message} saying why.
     * The last call wins.
     */
    public static void partial(int points, String message) {
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, was " + points);
        }
        sink.partial(points, message);
    }

    /** The running check's points (0 outside the grader's fork). */
    public static int maxPoints() {
        return sink.maxPoints();
    }

    /**
     * Grades a learner-versus-reference comparison in bands and reports it: records the medians, the ratio and the
     * cores; within {@code bands.fullWithin()} the check keeps full points; up to {@code bands.partialUpTo()} it
     * earns {@link Measure.Bands#points partial points}; beyond, this throws {@link AssertionError} so the check
     * fails with the measured numbers as its message.
     *
     * @param unit       what one unit of work is called, e.g. {@code "items/s"} or {@code "lookups/s"}
     * @param workPerRun how many units one run does (e.g. items added), to print throughput
     * @param what       how to name the learner's code, e.g. {@code "your batcher"}
     */
    public static void performance(Measure.Comparison comparison, Measure.Bands bands, String unit, double workPerRun,
                                   String what) {
        double ratio = comparison.ratio();
        measurement("learner median ms", comparison.learnerMedian().toNanos() / 1e6);
        measurement("reference median ms", comparison.referenceMedian().toNanos() / 1e6);
        measurement("ratio to reference", Math.round(ratio * 100) / 100.0);
        measurement("cores", Measure.cores());
        String text = comparison.describe(what, unit, workPerRun);
        int max = maxPoints();
        switch (bands.band(ratio)) {
            case FULL -> message(text + " - full points");
            case PARTIAL -> {
                int points = bands.points(ratio, max);
                partial(points, text + String.format(Locale.ROOT, " - %d of %d points (full within %.1fx)", points,
                        max, bands.fullWithin()));
            }
            case NONE -> throw new AssertionError(text + String.format(Locale.ROOT,
                    " - no points beyond %.1fx the reference's time", bands.partialUpTo()));
        }
    }

    /**
     * Installs the sink for the running check and returns the previous one. For the grader's fork only: suites
     * never call this.
     */
    public static Sink install(Sink newSink) {
        Sink previous = sink;
        sink = newSink == null ? DISCARD : newSink;
        return previous;
    }
}
