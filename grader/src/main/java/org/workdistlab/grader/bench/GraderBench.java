package org.workdistlab.grader.bench;

import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.platform.commons.support.ReflectionSupport;
import org.workdistlab.grader.ExerciseInfo;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.Grader;
import org.workdistlab.grader.SubmissionSource;

/**
 * How long grading takes: grades the reference solution of each exercise {@code N} times (default 5) and prints the
 * median and spread of the wall time, and the score, per exercise. The target is under 10 s per exercise.
 *
 * <p>{@code GraderBench [runs] [--sources DIR]}: with {@code --sources} the reference sources in DIR (e.g.
 * {@code exercises/reference/src/main/java}) are compiled and statically checked on every run, as a learner's would
 * be; without it the compiled reference on the class path is graded (fork and checks only). Run it on a quiet
 * machine; it measures, it does not assert.
 */
public final class GraderBench {

    private static final String REFERENCE_PACKAGE = "org.workdistlab.exercises.reference";

    private GraderBench() {
    }

    public static void main(String[] args) {
        int runs = 5;
        Path sources = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--sources") && i + 1 < args.length) {
                sources = Path.of(args[++i]);
            } else if (args[i].matches("\\d+")) {
                runs = Integer.parseInt(args[i]);
            } else {
                System.err.println("usage: GraderBench [runs] [--sources DIR]");
                System.exit(3);
            }
        }
        Grader grader = Grader.builder().build();
        System.out.printf(Locale.ROOT, "grading each reference %d times (%s), %d cores%n", runs,
                sources == null ? "compiled reference, fork + checks" : "compile + static check + fork + checks",
                Runtime.getRuntime().availableProcessors());
        for (ExerciseInfo exercise : Grader.exercises()) {
            SubmissionSource source;
            if (sources != null) {
                source = new SubmissionSource.Sources(sources.resolve(REFERENCE_PACKAGE.replace('.', '/'))
                        .resolve(exercise.id()));
            } else {
                Class<?> impl = reference(exercise);
                if (impl == null) {
                    System.out.printf(Locale.ROOT, "%-10s no reference implementation of %s found%n", exercise.id(),
                            exercise.contractClass());
                    continue;
                }
                source = new SubmissionSource.ImplementationClass(exercise.contractClass(), impl.getName(), List.of());
            }
            var times = new ArrayList<Duration>();
            var scores = new ArrayList<String>();
            for (int r = 0; r < runs; r++) {
                GradeReport report = grader.grade(exercise.id(), source);
                times.add(report.elapsed());
                scores.add(report.score() + "/" + report.maxScore());
            }
            var sorted = times.stream().map(Duration::toMillis).sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            System.out.printf(Locale.ROOT, "%-10s median %5.1f s  min %5.1f s  max %5.1f s  scores %s%n",
                    exercise.id(), median / 1000.0, sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0,
                    scores);
        }
    }

    private static Class<?> reference(ExerciseInfo exercise) {
        try {
            Class<?> contract = Class.forName(exercise.contractClass());
            List<Class<?>> found = ReflectionSupport.findAllClassesInPackage(REFERENCE_PACKAGE,
                    c -> contract.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                            && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface(), n -> true);
            return found.size() == 1 ? found.get(0) : null;
        } catch (ClassNotFoundException e) {
            return null;
        }
    }
}
