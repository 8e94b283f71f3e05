package org.workdistlab.lab.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class QueueingTest {

    @Test
    void response_time_at_70_percent_is_3_3_times_the_service_time() {
        // FACT-CHECK row 5: no cliff at 70 %, just S / (1 - rho)
        assertThat(Queueing.mm1ResponseFactor(0.7)).isCloseTo(3.33, within(0.005));
        assertThat(Queueing.mm1ResponseTime(10.0, 0.7)).isCloseTo(33.33, within(0.005));
    }

    @Test
    void grows_smoothly_and_without_bound() {
        assertThat(Queueing.mm1ResponseFactor(0.0)).isEqualTo(1.0);
        assertThat(Queueing.mm1ResponseFactor(0.5)).isEqualTo(2.0);
        assertThat(Queueing.mm1ResponseFactor(0.9)).isCloseTo(10.0, within(1e-9));
        assertThat(Queueing.mm1ResponseFactor(0.99)).isCloseTo(100.0, within(1e-9));
        assertThat(Queueing.mm1MeanInSystem(0.5)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void refuses_an_unstable_queue() {
        assertThatThrownBy(() -> Queueing.mm1ResponseFactor(1.0)).hasMessageContaining("[0, 1)");
        assertThatThrownBy(() -> Queueing.mm1ResponseTime(0, 0.5)).hasMessageContaining("service time");
    }
}
