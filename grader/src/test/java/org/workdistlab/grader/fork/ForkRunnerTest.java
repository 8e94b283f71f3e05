package org.workdistlab.grader.fork;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.Fixtures;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.fixtures.impl.GoodFixture;

class ForkRunnerTest {

    @Test
    void aCorrectImplementationEarnsEveryPoint() {
        GradeReport report = Fixtures.grade(GoodFixture.class);
        System.out.println(report);
        assertThat(report.status()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(report.maxScore()).isEqualTo(8);
        assertThat(report.checks()).allMatch(c -> c.outcome() == Outcome.PASSED);
    }
}
