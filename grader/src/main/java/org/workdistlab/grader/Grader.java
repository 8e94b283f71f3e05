package org.workdistlab.grader;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.workdistlab.grader.ExerciseInfo.CheckInfo;
import org.workdistlab.grader.api.Measure;
import org.workdistlab.grader.api.Submission;
import org.workdistlab.grader.engine.Catalogue;
import org.workdistlab.grader.events.GradeData;
import org.workdistlab.grader.events.GradeListener;
import org.workdistlab.grader.fork.ForkRunner;
import org.workdistlab.grader.input.CompiledSubmission;
import org.workdistlab.grader.input.SubmissionCompiler;
import org.workdistlab.grader.input.SubmissionInputException;
import org.workdistlab.grader.staticcheck.StaticCheck;

/**
 * Grades a submission for an exercise: compiles it, checks its bytecode, runs the exercise's suite in a forked,
 * limited JVM, and computes the score from the fork's events.
 *
 * <pre>{@code
 * GradeReport report = Grader.builder()
 *         .totalTimeLimit(Duration.ofMinutes(2))
 *         .heap("256m")
 *         .build()
 *         .grade("batcher", new SubmissionSource.Sources(Path.of("my-batcher/")));
 * System.out.println(report.score() + "/" + report.maxScore());
 * }</pre>
 *
 * <p>{@link #grade} never throws for anything the submission does: compile errors, rejections, crashes, hangs and
 * exits all come back inside the report. It throws {@link IllegalArgumentException} only for caller mistakes
 * (unknown exercise or check id). Instances are immutable and may grade several submissions, one per call.
 */
public final class Grader {

    /** Default heap limit of the forked JVM. */
    public static final String DEFAULT_HEAP = "256m";
    /** Default time for all of one submission's checks, forks included. */
    public static final Duration DEFAULT_TOTAL_LIMIT = Duration.ofMinutes(5);
    /** Default bytes of learner output kept per check (the rest is counted). */
    public static final int DEFAULT_OUTPUT_CAP = 4096;

    private final Builder b;

    private Grader(Builder b) {
        this.b = b.copy();
    }

    /** A builder with defaults: current JVM, {@value #DEFAULT_HEAP} heap, 5 minutes total, system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** The exercises of the installed suites, by id, with their checks and points. */
    public static List<ExerciseInfo> exercises() {
        return Catalogue.scan(List.of(Catalogue.DEFAULT_SUITE_PACKAGE)).exercises();
    }

    /** The exercises this grader can grade (its suite packages). */
    public List<ExerciseInfo> catalogue() {
        return Catalogue.scan(b.suitePackages).exercises();
    }

    /**
     * Grades {@code source} against exercise {@code exerciseId}.
     *
     * @throws IllegalArgumentException if the exercise or a selected check id is unknown
     */
    public GradeReport grade(String exerciseId, SubmissionSource source) {
        Objects.requireNonNull(source, "source must not be null");
        Instant start = b.clock.instant();
        Catalogue catalogue = Catalogue.scan(b.suitePackages);
        ExerciseInfo exercise = catalogue.find(exerciseId).orElseThrow(() -> new IllegalArgumentException(
                "unknown exercise '" + exerciseId + "'; known: "
                        + catalogue.exercises().stream().map(ExerciseInfo::id).toList()));
        List<CheckInfo> checks = select(exercise);
        var environment = new LinkedHashMap<String, Object>();
        environment.put("cores", Measure.cores());
        environment.put("java.version", System.getProperty("java.version"));
        environment.put("heap", b.heap);
        Path work = null;
        try {
            work = Files.createTempDirectory("wdl-grade-");
            // absolute: the fork runs in the work folder, where relative entries would point nowhere
            var classpath = new ArrayList<Path>();
            (b.classpath != null ? b.classpath : currentClassPath()).forEach(p -> classpath.add(p.toAbsolutePath()));
            var properties = new LinkedHashMap<String, String>();
            properties.put("wdl.fork.outputCap", String.valueOf(b.outputCap));
            if (source instanceof SubmissionSource.ImplementationClass impl) {
                properties.put(Submission.IMPL_PROPERTY_PREFIX + impl.contractClassName(),
                        impl.implementationClassName());
                impl.classpath().forEach(p -> classpath.add(p.toAbsolutePath()));
            } else {
                CompiledSubmission compiled;
                try {
                    compiled = SubmissionCompiler.compile(source, exerciseId, contractClassPath(exercise),
                            work.resolve("classes"));
                } catch (SubmissionInputException e) {
                    return GradeData.notGraded(exercise, checks, List.of(e.getMessage()),
                            "not run: the submission could not be read", elapsed(start), environment);
                }
                if (!compiled.errors().isEmpty()) {
                    return GradeData.notGraded(exercise, checks, compiled.errors(),
                            "not run: the submission does not compile", elapsed(start), environment);
                }
                List<String> rejections = StaticCheck.check(compiled.classesDir(), List.of(packageOf(exercise.contractClass())));
                if (!rejections.isEmpty()) {
                    return GradeData.notGraded(exercise, checks, rejections,
                            "not run: the submission uses something an exercise never needs", elapsed(start),
                            environment);
                }
                properties.put(Submission.CLASSES_PROPERTY, compiled.classesDir().toString());
                classpath.add(compiled.classesDir());
            }
            var data = new GradeData();
            var listeners = new ArrayList<GradeListener>();
            listeners.add(data);
            listeners.addAll(b.listeners);
            var config = new ForkRunner.Config(b.java, classpath, b.heap, b.totalLimit, b.checkLimit, properties,
                    work);
            new ForkRunner(config, GradeListener.all(listeners)).run(exercise, checks);
            return data.toReport(exercise, checks, elapsed(start), environment);
        } catch (IOException | RuntimeException e) {
            return GradeData.notGraded(exercise, checks, List.of("grader error: " + e), "not run: grader error",
                    elapsed(start), environment);
        } finally {
            if (work != null && !b.keepWorkDir) {
                deleteQuietly(work);
            }
        }
    }

    private List<CheckInfo> select(ExerciseInfo exercise) {
        if (b.checks.isEmpty()) {
            return exercise.checks();
        }
        var known = exercise.checks().stream().map(CheckInfo::id).toList();
        for (String id : b.checks) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("unknown check '" + id + "' in " + exercise.id() + "; checks: "
                        + known);
            }
        }
        return exercise.checks().stream().filter(c -> b.checks.contains(c.id())).toList();
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    private Duration elapsed(Instant start) {
        return Duration.between(start, b.clock.instant());
    }

    /** Where the contracts live, for compiling learner code (nothing of the grader is visible to it). */
    private static List<Path> contractClassPath(ExerciseInfo exercise) throws IOException {
        var paths = new LinkedHashSet<Path>();
        for (String name : List.of(exercise.contractClass(), "org.workdistlab.exercises.time.Clock")) {
            try {
                Class<?> c = Class.forName(name, false, Grader.class.getClassLoader());
                var location = c.getProtectionDomain().getCodeSource().getLocation();
                paths.add(Path.of(location.toURI()));
            } catch (ClassNotFoundException e) {
                // the time contract is optional for fixture exercises
            } catch (java.net.URISyntaxException | NullPointerException e) {
                throw new IOException("cannot locate the contract " + name + " on the class path", e);
            }
        }
        return List.copyOf(paths);
    }

    /**
     * The class path this JVM runs with; under Surefire the real test class path (Surefire may run tests from a
     * manifest-only jar).
     */
    static List<Path> currentClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return Stream.of(cp.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }

    /** Builds a {@link Grader}; every setter names its argument on a bad value. */
    public static final class Builder {
        private Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        private String heap = DEFAULT_HEAP;
        private Duration totalLimit = DEFAULT_TOTAL_LIMIT;
        private Duration checkLimit;
        private int outputCap = DEFAULT_OUTPUT_CAP;
        private Clock clock = Clock.systemUTC();
        private List<String> suitePackages = List.of(Catalogue.DEFAULT_SUITE_PACKAGE);
        private Set<String> checks = Set.of();
        private List<GradeListener> listeners = List.of();
        private List<Path> classpath;
        private boolean keepWorkDir;

        private Builder() {
        }

        private Builder copy() {
            var c = new Builder();
            c.java = java;
            c.heap = heap;
            c.totalLimit = totalLimit;
            c.checkLimit = checkLimit;
            c.outputCap = outputCap;
            c.clock = clock;
            c.suitePackages = suitePackages;
            c.checks = checks;
            c.listeners = listeners;
            c.classpath = classpath;
            c.keepWorkDir = keepWorkDir;
            return c;
        }

        /** The {@code java} executable for forks (default: the one running this JVM). */
        public Builder javaExecutable(Path java) {
            this.java = Objects.requireNonNull(java, "java must not be null");
            return this;
        }

        /** The fork's {@code -Xmx}, e.g. {@code "256m"}. */
        public Builder heap(String heap) {
            if (heap == null || !heap.matches("\\d+[kKmMgG]?")) {
                throw new IllegalArgumentException("heap must look like 256m, was " + heap);
            }
            this.heap = heap;
            return this;
        }

        /** Time for all checks of one submission, forks included. */
        public Builder totalTimeLimit(Duration limit) {
            this.totalLimit = positive(limit, "totalTimeLimit");
            return this;
        }

        /** One limit for every check, replacing each check's own {@code timeoutSeconds} (null restores them). */
        public Builder checkTimeLimit(Duration limit) {
            this.checkLimit = limit == null ? null : positive(limit, "checkTimeLimit");
            return this;
        }

        /** Bytes of learner output kept per check; the rest is only counted. */
        public Builder outputCap(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("outputCap must be >= 0, was " + bytes);
            }
            this.outputCap = bytes;
            return this;
        }

        /** The clock for elapsed times in reports. For tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock must not be null");
            return this;
        }

        /** Where to look for {@code @Exercise} suites (default {@value Catalogue#DEFAULT_SUITE_PACKAGE}). */
        public Builder suitePackages(String... packages) {
            if (packages.length == 0) {
                throw new IllegalArgumentException("suitePackages must name at least one package");
            }
            this.suitePackages = List.of(packages);
            return this;
        }

        /** Grade only these checks (the CLI's {@code --check}); empty means all. */
        public Builder checks(Collection<String> ids) {
            this.checks = Set.copyOf(ids);
            return this;
        }

        /** Also tell these listeners about every event (progress output, tests). */
        public Builder listeners(GradeListener... listeners) {
            this.listeners = List.of(listeners);
            return this;
        }

        /** The fork's base class path (default: this JVM's); the compiled submission is appended. */
        public Builder classpath(List<Path> classpath) {
            this.classpath = classpath == null ? null : List.copyOf(classpath);
            return this;
        }

        /** Keep the temporary work folder (compiled classes) for debugging. */
        public Builder keepWorkDir(boolean keep) {
            this.keepWorkDir = keep;
            return this;
        }

        public Grader build() {
            return new Grader(this);
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }

}
