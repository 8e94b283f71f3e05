package org.workdistlab.lab.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real in-memory H2; asserts counts and correctness, never a speed or a ratio. */
class BatchingTest {

    private static final int ROWS = 1_000;
    private static final int USERS = 120;
    private static Batching.Result result;

    @BeforeAll
    static void run() {
        result = Batching.configure().rows(ROWS).batchSizes(1, 7, 300, 5_000).users(USERS).trials(2).warmups(0)
                .run();
    }

    @Test
    void everyStrategyLeavesExactlyTheRowsItWroteInH2() {
        assertThat(result.writes()).hasSize(5);
        for (var w : result.writes()) {
            assertThat(w.rowsInDatabase()).as(w.strategy()).containsOnly((long) ROWS);
            assertThat(w.rowsInDatabase()).hasSize(2);
        }
        assertThat(result.table().booleanColumn("rows in H2 ok").asList()).containsOnly(true);
    }

    @Test
    void theWrapperCountsOneRoundTripPerRowOrTwoPerBatch() {
        assertThat(result.write(0).roundTrips()).isEqualTo(ROWS);
        for (int b : new int[] {1, 7, 300, 5_000}) {
            long batches = (ROWS + b - 1) / b;
            assertThat(result.write(b).roundTrips()).as("batch " + b).isEqualTo(2 * batches);
            assertThat(result.write(b).commits()).as("batch " + b).isEqualTo(batches);
        }
    }

    @Test
    void nPlusOneIssuesOneQueryPerUserPlusOneAndTheBatchedReadsOneOrTwo() {
        assertThat(result.read(Batching.N_PLUS_ONE).queries()).isEqualTo(USERS + 1);
        assertThat(result.read(Batching.IN_LIST).queries()).isEqualTo(2);
        assertThat(result.read(Batching.JOIN).queries()).isEqualTo(1);
        for (var r : result.reads()) {
            assertThat(r.sameAsNPlusOne()).as(r.strategy()).isTrue();
            assertThat(r.profilesRead()).isEqualTo(USERS);
        }
    }

    @Test
    void ratiosAreReportedSideBySideNotAsserted() {
        assertThat(result.table().columnNames()).contains("x per row (measured)", "fill wait mean ms (model)");
        assertThat(result.readsTable().columnNames()).contains("x faster than N+1 (measured)");
        // The fill-wait model: a batch of 300 at 1000 items/s keeps its first item 299 ms.
        assertThat(result.table().doubleColumn("fill wait max ms (model)").get(3)).isEqualTo(299.0);
        assertThat(result.toString()).contains("MEASURED").contains("not promised");
    }

    @Test
    void aSimulatedRoundTripIsPaidOncePerCountedCall() {
        var slow = Batching.configure().rows(20).batchSizes(10).users(5).trials(1).warmups(0)
                .roundTrip(java.time.Duration.ofMillis(2)).run();
        assertThat(slow.write(0).roundTrips()).isEqualTo(20);
        assertThat(slow.read(Batching.N_PLUS_ONE).queries()).isEqualTo(6);
        // Counting, not timing: the run must say it modelled the network.
        assertThat(slow.toString()).contains("simulated round trip 2 ms/call");
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> Batching.configure().batchSizes(0)).hasMessageContaining("batchSizes");
        assertThatThrownBy(() -> Batching.configure().trials(0)).hasMessageContaining("trials must be >= 1");
    }
}
