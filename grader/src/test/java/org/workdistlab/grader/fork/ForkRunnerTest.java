package org.workdistlab.grader.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.Fixtures;
import org.workdistlab.grader.GradeReport;
import org.workdistlab.grader.SubmissionSource;
import org.workdistlab.grader.events.GradeListener;
import org.workdistlab.grader.fixtures.Fixture;
import org.workdistlab.grader.fixtures.impl.BlockingFixture;
import org.workdistlab.grader.fixtures.impl.ChattyFixture;
import org.workdistlab.grader.fixtures.impl.DeadlockingFixture;
import org.workdistlab.grader.fixtures.impl.ExitingFixture;
import org.workdistlab.grader.fixtures.impl.GoodFixture;
import org.workdistlab.grader.fixtures.impl.HungryFixture;
import org.workdistlab.grader.fixtures.impl.LeakingFixture;
import org.workdistlab.grader.fixtures.impl.LoopingFixture;
import org.workdistlab.grader.fixtures.impl.SlowFixture;
import org.workdistlab.grader.fixtures.impl.WrongFixture;

/**
 * Forked grading end to end against the fixture exercise. Each test costs one or two JVM starts, so each scenario
 * grades only the checks it is about plus one bystander that must keep its points.
 */
class ForkRunnerTest {

    @Test
    void aCorrectImplementationEarnsEveryPointInOneFork() {
        var forks = new ArrayList<Integer>();
        GradeReport report = Fixtures.grader().listeners(new GradeListener() {
            @Override
            public void forkStarted(int fork, List<String> checkIds) {
                forks.add(fork);
            }
        }).build().grade("fixture", SubmissionSource.ImplementationClass.of(Fixture.class, GoodFixture.class));

        assertThat(report.status()).as(report.toString()).isEqualTo(GradeReport.Status.PASSED);
        assertThat(report.score()).isEqualTo(report.maxScore()).isEqualTo(8);
        assertThat(report.checks()).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
        assertThat(forks).containsExactly(1);
        assertThat(report.check("speed").measurements()).containsKeys("ratio to reference", "cores");
    }

    @Test
    void aWrongAnswerLosesThatCheckWithObservedAndExpected() {
        GradeReport report = Fixtures.grade(WrongFixture.class, "adds", "names");

        assertThat(report.status()).isEqualTo(GradeReport.Status.FAILED);
        assertThat(report.check("adds").outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.check("adds").message()).contains("add(2, 3)").contains("5").contains("6");
        assertThat(report.check("names").points()).isEqualTo(1);
    }

    @Test
    void aPerformanceCheckRequiresItsCorrectnessCheck() {
        GradeReport report = Fixtures.grade(WrongFixture.class, "adds", "speed");

        assertThat(report.check("speed").points()).isZero();
        assertThat(report.check("speed").message()).contains("'adds'");
    }

    @Test
    void aMuchSlowerImplementationEarnsNoSpeedPointsAndSeesTheRatio() {
        GradeReport report = Fixtures.grade(SlowFixture.class, "adds", "speed");

        assertThat(report.check("adds").points()).isEqualTo(2);
        CheckResult speed = report.check("speed");
        assertThat(speed.points()).as(speed.message()).isZero();
        assertThat(speed.message()).contains("your fixture:").contains("reference:").contains("x the reference");
        assertThat((Double) speed.measurements().get("ratio to reference")).isGreaterThan(20.0);
    }

    @Nested
    class Tampering {

        @Test
        void fakeEventsThenSystemExitZeroLoseOnlyThatCheck() {
            GradeReport report = Fixtures.grade(ExitingFixture.class, "adds", "names", "idles");

            CheckResult adds = report.check("adds");
            assertThat(adds.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(adds.points()).isZero();
            assertThat(adds.message()).contains("System.exit").contains("ExitingFixture.add");
            assertThat(report.check("names").points()).isEqualTo(1);
            assertThat(report.check("idles").points()).isEqualTo(1);
            assertThat(report.score()).isEqualTo(2);
        }

        @Test
        void tenMegabytesOfOutputAreCappedAndTheCheckStillCounts() {
            GradeReport report = Fixtures.grade(ChattyFixture.class, "adds", "names");

            CheckResult adds = report.check("adds");
            assertThat(adds.outcome()).isEqualTo(Outcome.PASSED);
            assertThat((Long) adds.measurements().get("printed bytes")).isEqualTo(10L * 1024 * 1024);
            assertThat(report.check("names").points()).isEqualTo(1);
        }

        @Test
        void runningOutOfMemoryLosesThatCheckOnly() {
            GradeReport report = Fixtures.grade(HungryFixture.class, "adds", "names");

            CheckResult adds = report.check("adds");
            assertThat(adds.outcome()).isEqualTo(Outcome.ERROR);
            assertThat(adds.message()).contains("out of memory").contains("64m");
            assertThat(report.check("names").points()).isEqualTo(1);
        }
    }

    @Test
    void aLeakedNonDaemonThreadCannotKeepTheForkAlive() {
        GradeReport report = Fixtures.grade(LeakingFixture.class, "adds", "names");

        assertThat(report.score()).isEqualTo(3);
        assertThat(report.problems()).isEmpty();
    }

    @Nested
    class Timeouts {

        @Test
        void theTotalLimitStopsTheForkAndLeavesTheRestNotRun() {
            GradeReport report = Fixtures.grader().checks(List.of("idles")).totalTimeLimit(Duration.ofSeconds(1))
                    .checkTimeLimit(Duration.ofSeconds(30)).build()
                    .grade("fixture", SubmissionSource.ImplementationClass.of(Fixture.class, LoopingFixture.class));

            CheckResult idles = report.check("idles");
            assertThat(idles.outcome()).isIn(Outcome.TIMED_OUT, Outcome.NOT_RUN);
            assertThat(idles.points()).isZero();
            assertThat(idles.message()).contains("total time limit of 1 s");
            assertThat(report.problems()).singleElement().asString().startsWith("total time limit of 1 s reached");
        }

        @Test
        void anEndlessLoopTimesOutNamingCheckAndLimitAndLaterChecksStillRun() {
            GradeReport report = Fixtures.grade(LoopingFixture.class, "idles", "names", "adds");

            CheckResult idles = report.check("idles");
            assertThat(idles.outcome()).isEqualTo(Outcome.TIMED_OUT);
            assertThat(idles.message()).contains("'idles'").contains("limit 2 s");
            assertThat(idles.diagnostics()).hasValueSatisfying(d -> assertThat(d)
                    .contains("busy-spinning").contains("LoopingFixture.idle"));
            assertThat(report.check("names").points()).isEqualTo(1);
            assertThat(report.check("adds").points()).isEqualTo(2);
        }

        @Test
        void aDeadlockIsReportedAsACycleNamingBothThreadsAndBothLocks() {
            GradeReport report = Fixtures.grade(DeadlockingFixture.class, "idles");

            String d = report.check("idles").diagnostics().orElseThrow();
            assertThat(d).contains("deadlock: ").contains("worker-1 holds ").contains("worker-2 holds ")
                    .contains("Specter 5");
            String cycle = d.lines().filter(l -> l.startsWith("deadlock: ")).findFirst().orElseThrow();
            assertThat(cycle).containsPattern("worker-1 holds \\S*LockA@\\w+ and waits for \\S*LockB@\\w+")
                    .containsPattern("worker-2 holds \\S*LockB@\\w+ and waits for \\S*LockA@\\w+");
            assertThat(d.lines().count()).isLessThanOrEqualTo(30);
        }

        @Test
        void aThreadBlockedForeverOnAQueueShowsItsWaitingFrame() {
            GradeReport report = Fixtures.grade(BlockingFixture.class, "idles");

            String d = report.check("idles").diagnostics().orElseThrow();
            assertThat(d).contains("(runs the check) WAITING").contains("LinkedBlockingQueue.take")
                    .contains("BlockingFixture.waitForWork").doesNotContain("busy-spinning");
        }
    }
}
