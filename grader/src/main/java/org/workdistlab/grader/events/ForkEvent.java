package org.workdistlab.grader.events;

import java.util.Map;
import java.util.Optional;
import org.workdistlab.grader.CheckResult.Outcome;

/**
 * What the forked JVM tells the grading process, one JSON line each (see {@link EventCodec}). The parent trusts
 * nothing else: a check earns points only if a {@link CheckFinished} with outcome PASSED arrived for it.
 */
public sealed interface ForkEvent {

    /** The fork is up and about to run checks. */
    record Hello(String javaVersion, int cores) implements ForkEvent {
    }

    /** A check's test started. */
    record CheckStarted(String checkId) implements ForkEvent {
    }

    /**
     * A check ended inside the fork.
     *
     * @param partialPoints points the check awarded itself via {@code Report.partial} (performance bands)
     * @param output        the first bytes the check printed to System.out/err (capped)
     * @param outputBytes   how many bytes it printed in total
     */
    record CheckFinished(String checkId, Outcome outcome, String message, long durationMillis,
                         Optional<String> diagnostics, Map<String, Object> measurements,
                         Optional<Integer> partialPoints, String output, long outputBytes) implements ForkEvent {
        public CheckFinished {
            measurements = Map.copyOf(measurements);
            message = message == null ? "" : message;
            output = output == null ? "" : output;
        }
    }

    /** The JVM is shutting down while a check runs (System.exit from learner code): who called it. */
    record Exiting(String checkId, String detail) implements ForkEvent {
    }

    /** Every selected check was reported; the fork is about to halt. */
    record Done() implements ForkEvent {
    }
}
