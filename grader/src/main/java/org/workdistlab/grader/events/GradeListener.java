package org.workdistlab.grader.events;

import java.util.List;

/**
 * Receives grading events in the parent process, in order. Every callback is a no-op by default.
 *
 * <p>Ordering: {@link #forkStarted} precedes the check events of that fork and {@link #forkEnded} follows them;
 * {@link #checkStarted} precedes the {@link #checkFinished} of the same check. Each selected check gets exactly
 * one {@code checkFinished}: from the fork when it reported one, otherwise synthesized by the parent (never
 * PASSED) when the fork died, timed out without answering, or ran out of total time.
 */
public interface GradeListener {

    /** Fork number {@code fork} (1-based) is starting to run {@code checkIds}. */
    default void forkStarted(int fork, List<String> checkIds) {
    }

    default void forkReady(ForkEvent.Hello hello) {
    }

    default void checkStarted(String checkId) {
    }

    default void checkFinished(ForkEvent.CheckFinished result) {
    }

    /** The fork ended with {@code exitCode}; {@code stderr} is the start of what the JVM itself printed (capped). */
    default void forkEnded(int fork, int exitCode, String stderr) {
    }

    /** A one-line problem for the report (limits hit, crashes). */
    default void problem(String message) {
    }

    /** Fans one event out to several listeners. */
    static GradeListener all(List<GradeListener> listeners) {
        var copy = List.copyOf(listeners);
        return new GradeListener() {
            @Override
            public void forkStarted(int fork, List<String> checkIds) {
                copy.forEach(l -> l.forkStarted(fork, checkIds));
            }

            @Override
            public void forkReady(ForkEvent.Hello hello) {
                copy.forEach(l -> l.forkReady(hello));
            }

            @Override
            public void checkStarted(String checkId) {
                copy.forEach(l -> l.checkStarted(checkId));
            }

            @Override
            public void checkFinished(ForkEvent.CheckFinished result) {
                copy.forEach(l -> l.checkFinished(result));
            }

            @Override
            public void forkEnded(int fork, int exitCode, String stderr) {
                copy.forEach(l -> l.forkEnded(fork, exitCode, stderr));
            }

            @Override
            public void problem(String message) {
                copy.forEach(l -> l.problem(message));
            }
        };
    }
}
