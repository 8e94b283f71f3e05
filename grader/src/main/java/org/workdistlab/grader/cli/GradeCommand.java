package org.workdistlab.grader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.workdistlab.grader.ExerciseInfo;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.Grader;
import org.workdistlab.grader.SubmissionSource;
import org.workdistlab.grader.report.ReportFormat;
import org.workdistlab.grader.report.SummaryWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grade <exercise> <path>... [--format F] [--out PATH] [--time-limit S] [--check ID...]} and {@code grade --list}. */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Grades your solution of an exercise and tells you, check by check, what works.",
                "PATH: a Maven project or source folder, .java files, or a .ipynb notebook whose solution cells are "
                        + "tagged exercise:<id>."},
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:all checks passed", "1:some checks lost points",
                "2:could not grade (compile error, rejected code, crash)", "3:usage error", "4:grader bug"})
public final class GradeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "EXERCISE", description = "the exercise id (see --list)")
    String exercise;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PATH", description = "what to grade")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--list", description = "list the exercises and their checks with points")
    boolean list;

    @Option(names = "--format", paramLabel = "FORMAT", description = "summary (default), json, junit, classroom, gradescope")
    String format = "summary";

    @Option(names = "--out", paramLabel = "PATH", description = "write the report here (a file, or a folder for the "
            + "format's usual file name); the summary still goes to the console")
    Path out;

    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "total time for all checks (default 300)")
    Integer timeLimit;

    @Option(names = "--check-time-limit", paramLabel = "SECONDS",
            description = "one time limit for every check instead of each check's own")
    Integer checkTimeLimit;

    @Option(names = "--check", paramLabel = "ID", split = ",", description = "grade only these checks")
    List<String> checks = new ArrayList<>();

    @Option(names = "--heap", paramLabel = "SIZE", description = "heap limit of the grading JVM (default 256m)")
    String heap = Grader.DEFAULT_HEAP;

    @Option(names = "--suite-package", hidden = true, description = "where to find suites (the grader's own tests)")
    String suitePackage;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        Grader.Builder builder = Grader.builder().heap(heap).checks(checks);
        if (suitePackage != null) {
            builder.suitePackages(suitePackage);
        }
        if (timeLimit != null) {
            builder.totalTimeLimit(Duration.ofSeconds(positive(timeLimit, "--time-limit")));
        }
        if (checkTimeLimit != null) {
            builder.checkTimeLimit(Duration.ofSeconds(positive(checkTimeLimit, "--check-time-limit")));
        }
        Grader grader = builder.build();
        if (list) {
            list(grader.catalogue(), console);
            return ExitCodes.PASSED;
        }
        if (exercise == null || paths.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "need an exercise and a path, e.g. 'grade batcher src/' (or --list)");
        }
        ReportFormat reportFormat = parseFormat(format);
        SubmissionSource source = paths.size() == 1 ? new SubmissionSource.Sources(paths.get(0))
                : new SubmissionSource.SourceFiles(paths);
        GradeReport report = grader.grade(exercise, source);
        if (out != null) {
            Path target = Files.isDirectory(out) ? out.resolve(reportFormat.writer().defaultFileName()) : out;
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                reportFormat.writer().write(report, w);
            } catch (IOException e) {
                spec.commandLine().getErr().println("grade: cannot write " + target + ": " + e.getMessage());
            }
            new SummaryWriter().write(report, console);
        } else {
            reportFormat.writer().write(report, console);
        }
        console.flush();
        return ExitCodes.of(report.status());
    }

    private ReportFormat parseFormat(String name) {
        for (ReportFormat f : ReportFormat.values()) {
            if (f.cliName().equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown format '" + name
                + "'; use summary, json, junit, classroom or gradescope");
    }

    private int positive(int value, String option) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + " must be positive, was " + value);
        }
        return value;
    }

    private static void list(List<ExerciseInfo> exercises, PrintWriter console) {
        if (exercises.isEmpty()) {
            console.println("no exercises installed");
        }
        int width = exercises.stream().flatMap(e -> e.checks().stream()).mapToInt(c -> c.id().length()).max()
                .orElse(0);
        for (ExerciseInfo e : exercises) {
            console.printf(Locale.ROOT, "%s - %s (%d points)%n", e.id(), e.title(), e.maxScore());
            for (ExerciseInfo.CheckInfo c : e.checks()) {
                console.printf(Locale.ROOT, "  %-" + width + "s %3d  %s%n", c.id(), c.points(), c.section());
            }
        }
        console.flush();
    }
}
