package org.workdistlab.grader.fork;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.opentest4j.TestAbortedException;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.ExerciseInfo.CheckInfo;
import org.workdistlab.grader.api.Report;
import org.workdistlab.grader.diagnostics.ThreadReport;
import org.workdistlab.grader.events.ForkEvent;

/**
 * The fork's JUnit listener and watchdog: turns test executions into check events, and stops a check that
 * overruns its limit after capturing where its threads were.
 *
 * <p>Threads: JUnit calls the listener on the thread that runs the tests; the watchdog is its own daemon thread.
 * {@code lock} guards {@code current}: whichever of "check finished" and "deadline passed" takes it first decides
 * the outcome, and a timed-out check never also reports a finish (the watchdog halts the JVM).
 */
final class CheckRunner implements TestExecutionListener {

    private static final int KEEP_OUTPUT_BYTES = 4096;
    private static final int MAX_MESSAGE = 400;

    private final Map<String, CheckInfo> checksByMethod;
    private final Set<String> selected;
    private final long timeoutOverrideMillis;
    private final EventChannel events;
    private final OutputCapture output;
    private final Predicate<String> isLearner;
    private final Predicate<String> isSuite;
    private final Object lock = new Object();
    private final Set<String> reported = new HashSet<>();
    private final Thread watchdog;
    private volatile String containerFailure;

    /** @GuardedBy("lock") */
    private Running current;

    /** One check in progress. */
    private final class Running implements Report.Sink {
        final CheckInfo info;
        final String uniqueId;
        final long startNanos = System.nanoTime();
        final long deadlineNanos;
        final Thread thread = Thread.currentThread();
        final Map<String, Object> measurements = new LinkedHashMap<>();
        Throwable firstChildFailure;
        Integer partialPoints;
        String message;
        boolean timedOut;

        Running(CheckInfo info, String uniqueId, long limitMillis) {
            this.info = info;
            this.uniqueId = uniqueId;
            this.deadlineNanos = startNanos + TimeUnit.MILLISECONDS.toNanos(limitMillis);
        }

        @Override
        public synchronized void measurement(String name, Object value) {
            measurements.put(name, value);
        }

        @Override
        public synchronized void partial(int points, String why) {
            partialPoints = Math.min(points, info.points());
            message = why;
        }

        @Override
        public synchronized void message(String text) {
            message = text;
        }

        @Override
        public int maxPoints() {
            return info.points();
        }
    }

    CheckRunner(List<CheckInfo> checks, Class<?> suite, Set<String> selectedMethods, long timeoutOverrideMillis,
                EventChannel events, OutputCapture output, Predicate<String> isLearner) {
        this.checksByMethod = new LinkedHashMap<>();
        checks.forEach(c -> checksByMethod.put(c.method(), c));
        this.selected = Set.copyOf(selectedMethods);
        this.timeoutOverrideMillis = timeoutOverrideMillis;
        this.events = events;
        this.output = output;
        this.isLearner = isLearner;
        String suiteName = suite.getName();
        this.isSuite = name -> name.equals(suiteName) || name.startsWith(suiteName + "$");
        this.watchdog = new Thread(this::watch, "wdl-watchdog");
        this.watchdog.setDaemon(true);
        this.watchdog.start();
    }

    long watchdogThreadId() {
        return watchdog.getId();
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        CheckInfo info = checkOf(id);
        if (info == null) {
            return;
        }
        synchronized (lock) {
            if (current != null) {
                return; // an invocation of a repeated or parameterized check: part of the running one
            }
            long limit = timeoutOverrideMillis > 0 ? timeoutOverrideMillis : info.timeoutSeconds() * 1000L;
            output.drain();
            current = new Running(info, id.getUniqueId(), limit);
            Report.install(current);
            events.send(new ForkEvent.CheckStarted(info.id()));
            lock.notifyAll();
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Throwable failure = result.getThrowable().orElse(null);
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && checkOf(id) == null
                && id.isContainer() && failure != null && containerFailure == null) {
            containerFailure = firstLine(failure);
        }
        synchronized (lock) {
            Running run = current;
            if (run == null) {
                return;
            }
            while (run.timedOut) {
                // The watchdog owns this check now and is about to halt the JVM.
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!id.getUniqueId().equals(run.uniqueId)) {
                if (failure != null && run.firstChildFailure == null
                        && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    run.firstChildFailure = failure;
                }
                return;
            }
            current = null;
            Report.install(null);
            if (failure == null && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                failure = new IllegalStateException("the check did not complete");
            }
            if (failure == null) {
                failure = run.firstChildFailure;
            }
            finish(run, outcomeOf(failure), failure == null ? run.message : messageOf(failure), Optional.empty());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        CheckInfo info = checkOf(id);
        synchronized (lock) {
            if (info != null && current == null && reported.add(info.id())) {
                events.send(new ForkEvent.CheckFinished(info.id(), Outcome.NOT_RUN, "skipped: " + reason, 0,
                        Optional.empty(), Map.of(), Optional.empty(), "", 0));
            }
        }
    }

    /** Reports every selected check that never ran (e.g. the suite's setup failed), then Done. */
    void finishRemaining() {
        synchronized (lock) {
            for (CheckInfo info : checksByMethod.values()) {
                if (selected.contains(info.method()) && reported.add(info.id())) {
                    String why = containerFailure != null ? "the suite could not start: " + containerFailure
                            : "the check did not run";
                    events.send(new ForkEvent.CheckFinished(info.id(), Outcome.ERROR, why, 0, Optional.empty(),
                            Map.of(), Optional.empty(), "", 0));
                }
            }
            events.send(new ForkEvent.Done());
        }
    }

    /** The id of the running check, or null. */
    String currentCheckId() {
        synchronized (lock) {
            return current == null ? null : current.info.id();
        }
    }

    private void finish(Running run, Outcome outcome, String message, Optional<String> diagnostics) {
        reported.add(run.info.id());
        OutputCapture.Drained out = output.drain();
        Map<String, Object> measurements;
        Integer partial;
        synchronized (run) {
            measurements = new LinkedHashMap<>(run.measurements);
            partial = run.partialPoints;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.startNanos);
        events.send(new ForkEvent.CheckFinished(run.info.id(), outcome, truncate(message), millis, diagnostics,
                measurements, outcome == Outcome.PASSED ? Optional.ofNullable(partial) : Optional.empty(),
                out.text(), out.totalBytes()));
    }

    private void watch() {
        while (true) {
            Running run;
            synchronized (lock) {
                while (current == null) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                run = current;
                long left = run.deadlineNanos - System.nanoTime();
                if (left > 0) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                run.timedOut = true;
            }
            timeOut(run);
        }
    }

    private void timeOut(Running run) {
        long ranMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - run.startNanos);
        long limitMillis = TimeUnit.NANOSECONDS.toMillis(run.deadlineNanos - run.startNanos);
        String message = "check '" + run.info.id() + "' timed out: still running after " + seconds(ranMillis)
                + " (limit " + seconds(limitMillis) + ")";
        String report;
        try {
            report = ThreadReport.capture(message + "; its threads at that moment:", isLearner, isSuite,
                    Set.of(watchdog.getId()), run.thread.getId());
        } catch (RuntimeException | LinkageError e) {
            report = message + "; the thread report failed: " + e;
        }
        synchronized (lock) {
            finish(run, Outcome.TIMED_OUT, message, Optional.of(report));
        }
        Runtime.getRuntime().halt(ForkExit.CHECK_TIMED_OUT);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private CheckInfo checkOf(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .filter(m -> selected.contains(m.getMethodName()))
                .map(m -> checksByMethod.get(m.getMethodName())).orElse(null);
    }

    private static Outcome outcomeOf(Throwable failure) {
        if (failure == null) {
            return Outcome.PASSED;
        }
        if (failure instanceof AssertionError || failure instanceof TestAbortedException) {
            return Outcome.FAILED;
        }
        return Outcome.ERROR;
    }

    private String messageOf(Throwable failure) {
        if (failure instanceof AssertionError) {
            return firstLine(failure);
        }
        if (failure instanceof TestAbortedException) {
            return "aborted: " + firstLine(failure);
        }
        if (failure instanceof org.workdistlab.grader.api.SubmissionException) {
            return firstLine(failure);
        }
        String where = learnerFrame(failure).map(f -> " at " + f).orElse("");
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + firstLine(failure))
                + where;
    }

    private Optional<String> learnerFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (isLearner.test(e.getClassName())) {
                return Optional.of(e.getClassName().substring(e.getClassName().lastIndexOf('.') + 1) + "."
                        + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")");
            }
        }
        return Optional.empty();
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getName();
        }
        m = m.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** Finds a check's test method by name in the suite or its superclasses. */
    static Method method(Class<?> suite, String name) {
        for (Class<?> c = suite; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("no method " + name + " in " + suite.getName());
    }

    static List<String> names(List<CheckInfo> checks) {
        var out = new ArrayList<String>();
        checks.forEach(c -> out.add(c.method()));
        return out;
    }
}
