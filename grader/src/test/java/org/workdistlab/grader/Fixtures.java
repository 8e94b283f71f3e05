package org.workdistlab.grader;

import java.time.Duration;
import org.workdistlab.grader.fixtures.Fixture;

/** Shared setup for tests that grade the fixture exercise. */
public final class Fixtures {

    public static final String PACKAGE = "org.workdistlab.grader.fixtures";

    private Fixtures() {
    }

    public static Grader.Builder grader() {
        return Grader.builder().suitePackages(PACKAGE).heap("64m").totalTimeLimit(Duration.ofSeconds(90));
    }

    public static GradeReport grade(SubmissionSource source) {
        return grader().build().grade("fixture", source);
    }

    public static GradeReport grade(Class<? extends Fixture> impl, String... checks) {
        return grader().checks(java.util.List.of(checks)).build()
                .grade("fixture", SubmissionSource.ImplementationClass.of(Fixture.class, impl));
    }
}
