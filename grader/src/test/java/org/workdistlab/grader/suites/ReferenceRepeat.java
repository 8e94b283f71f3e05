package org.workdistlab.grader.suites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.workdistlab.exercises.batcher.SmartBatcherFactory;
import org.workdistlab.exercises.hashring.HashRingFactory;
import org.workdistlab.exercises.reference.batcher.ReferenceSmartBatcher;
import org.workdistlab.exercises.reference.hashring.ReferenceHashRing;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.Grader;
import org.workdistlab.grader.SubmissionSource;

/**
 * The flake hunt: grades the batcher and hash ring references N times in a row through the forked grader and
 * prints every score; any run below full marks is a bug in the grader. Run it with the other core busy:
 * <pre>
 * stress-ng --cpu 1 --timeout 30m &amp;
 * java -cp ... org.workdistlab.grader.suites.ReferenceRepeat 20 [batcher|hashring]
 * </pre>
 * Exit status 0 only if every run got full marks.
 */
public final class ReferenceRepeat {

    private ReferenceRepeat() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        var grader = Grader.builder().totalTimeLimit(Duration.ofMinutes(4)).build();
        var sources = List.of(
                new Object[] {"batcher", SubmissionSource.ImplementationClass.of(SmartBatcherFactory.class,
                        ReferenceSmartBatcher.class)},
                new Object[] {"hashring", SubmissionSource.ImplementationClass.of(HashRingFactory.class,
                        ReferenceHashRing.class)});
        var failures = new ArrayList<String>();
        for (Object[] s : sources) {
            String exercise = (String) s[0];
            if (args.length > 1 && !args[1].equals(exercise)) {
                continue;
            }
            var scores = new ArrayList<Integer>();
            for (int i = 1; i <= runs; i++) {
                GradeReport r = grader.grade(exercise, (SubmissionSource) s[1]);
                scores.add(r.score());
                System.out.printf("%s run %2d: %d/%d in %.1f s%n", exercise, i, r.score(), r.maxScore(),
                        r.elapsed().toMillis() / 1000.0);
                if (r.score() != r.maxScore()) {
                    failures.add(exercise + " run " + i + ":\n" + CatalogueGrading.describe(r));
                }
            }
            System.out.println(exercise + " scores: " + scores);
        }
        failures.forEach(System.out::println);
        System.out.println(failures.isEmpty() ? "all runs full marks" : failures.size() + " run(s) below full marks");
        System.exit(failures.isEmpty() ? 0 : 1);
    }
}
