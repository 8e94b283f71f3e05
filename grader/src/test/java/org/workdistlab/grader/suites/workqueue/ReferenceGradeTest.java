package org.workdistlab.grader.suites.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.workdistlab.exercises.reference.workqueue.ReferenceWorkQueue;

class ReferenceGradeTest {
    @Test
    void referenceGetsFullMarks() {
        var r = SuiteRun.grade(ReferenceWorkQueue.class);
        System.out.println("reference: " + r.describe());
        assertThat(r.failed()).isEmpty();
        assertThat(r.total()).isEqualTo(r.max());
    }
}
