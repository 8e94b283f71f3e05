package org.workdistlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.workdistlab.lab.harness.Workload;

class LabTest {

    @Test
    void theDefaultWorkloadFitsTheMachine() {
        var w = Lab.defaultWorkload();
        var expected = Lab.machine().effectiveCpus() < 2 ? Workload.Kind.BLOCKING : Workload.Kind.CPU_BOUND;
        assertThat(w.kind()).isEqualTo(expected);
    }

    @Test
    void quickRunsTheRequestedCountsWithTheBaseline() {
        var r = Lab.quick(Lab.remoteCall(Duration.ofMillis(1)), 2, 3);
        assertThat(r.settings().threads()).containsExactly(1, 2, 3);
        assertThat(r.settings().trialsPerCount()).isEqualTo(3);
        assertThat(r.settings().warmups()).isEqualTo(1);
        assertThat(r.kind()).isEqualTo(Workload.Kind.BLOCKING);
        assertThat(r.name()).contains("remote call");
    }
}
