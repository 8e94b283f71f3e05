package org.workdistlab.grader.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.ExerciseInfo;
import org.workdistlab.grader.ExerciseInfo.CheckInfo;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.GradeReport.Status;

/**
 * Collects the events of one grading and computes the score: the parent's only source of truth. A check earns
 * points only if its {@link ForkEvent.CheckFinished} says PASSED (then its partial points if it reported any),
 * and only if every check it {@code requires} earned full points.
 */
public final class GradeData implements GradeListener {

    private static final int OUTPUT_SHOWN = 600;

    private final Map<String, ForkEvent.CheckFinished> results = new HashMap<>();
    private final Set<String> started = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private ForkEvent.Hello hello;

    @Override
    public synchronized void forkReady(ForkEvent.Hello h) {
        hello = h;
    }

    @Override
    public synchronized void checkStarted(String checkId) {
        started.add(checkId);
    }

    @Override
    public synchronized void checkFinished(ForkEvent.CheckFinished result) {
        results.putIfAbsent(result.checkId(), result);
    }

    @Override
    public synchronized void problem(String message) {
        problems.add(message);
    }

    /** Whether any check started in a fork. */
    public synchronized boolean anyStarted() {
        return !started.isEmpty();
    }

    /** The report for {@code checks} of {@code exercise}; {@code environment} gains what the fork said. */
    public synchronized GradeReport toReport(ExerciseInfo exercise, List<CheckInfo> checks, Duration elapsed,
                                             Map<String, Object> environment) {
        var env = new LinkedHashMap<>(environment);
        if (hello != null) {
            env.put("java.version", hello.javaVersion());
            env.put("cores", hello.cores());
        }
        var earned = new LinkedHashMap<String, CheckResult>();
        for (CheckInfo c : checks) {
            earned.put(c.id(), result(c));
        }
        var gated = new ArrayList<CheckResult>();
        for (CheckInfo c : checks) {
            CheckResult r = earned.get(c.id());
            if (r.outcome() == Outcome.PASSED) {
                for (String required : c.requires()) {
                    CheckResult req = earned.get(required);
                    if (req == null || !req.fullMarks() || req.outcome() != Outcome.PASSED) {
                        r = new CheckResult(r.id(), r.displayName(), 0, r.maxPoints(), Outcome.FAILED,
                                "earns points only once check '" + required + "' passes"
                                        + (r.message().isEmpty() ? "" : " (" + r.message() + ")"),
                                r.hint(), r.section(), r.duration(), r.diagnostics(), r.measurements());
                        break;
                    }
                }
            }
            gated.add(r);
        }
        int score = gated.stream().mapToInt(CheckResult::points).sum();
        int max = gated.stream().mapToInt(CheckResult::maxPoints).sum();
        Status status = !checks.isEmpty() && started.isEmpty() ? Status.ERROR
                : score == max ? Status.PASSED : Status.FAILED;
        return new GradeReport(exercise.id(), exercise.title(), status, score, max, gated, problems, elapsed, env);
    }

    /** A report for a submission that could not be graded at all (compile error, rejection). */
    public static GradeReport notGraded(ExerciseInfo exercise, List<CheckInfo> checks, List<String> problems,
                                        String why, Duration elapsed, Map<String, Object> environment) {
        var results = checks.stream().map(c -> new CheckResult(c.id(), c.displayName(), 0, c.points(),
                Outcome.NOT_RUN, why, c.hint(), c.section(), Duration.ZERO, Optional.empty(), Map.of())).toList();
        return new GradeReport(exercise.id(), exercise.title(), Status.ERROR, 0,
                checks.stream().mapToInt(CheckInfo::points).sum(), results, problems, elapsed, environment);
    }

    private CheckResult result(CheckInfo c) {
        ForkEvent.CheckFinished f = results.get(c.id());
        if (f == null) {
            return new CheckResult(c.id(), c.displayName(), 0, c.points(), Outcome.NOT_RUN,
                    "the check was not reported", c.hint(), c.section(), Duration.ZERO, Optional.empty(), Map.of());
        }
        int points = f.outcome() == Outcome.PASSED
                ? f.partialPoints().map(p -> Math.max(0, Math.min(p, c.points()))).orElse(c.points()) : 0;
        var measurements = new LinkedHashMap<>(f.measurements());
        Optional<String> diagnostics = f.diagnostics();
        if (f.outputBytes() > 0) {
            measurements.put("printed bytes", f.outputBytes());
            if (f.outcome() != Outcome.PASSED) {
                String shown = f.output().length() <= OUTPUT_SHOWN ? f.output()
                        : f.output().substring(0, OUTPUT_SHOWN) + "...";
                String printed = "it printed " + f.outputBytes() + " bytes, starting:\n" + shown.strip();
                diagnostics = Optional.of(diagnostics.map(d -> d + "\n" + printed).orElse(printed));
            }
        }
        return new CheckResult(c.id(), c.displayName(), points, c.points(), f.outcome(), f.message(), c.hint(),
                c.section(), Duration.ofMillis(f.durationMillis()), diagnostics, measurements);
    }
}
