package org.workdistlab.lab.simulations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.workdistlab.lab.simulations.WorkAffinity.KeyDistribution;
import org.workdistlab.lab.simulations.WorkAffinity.Row;

class WorkAffinityTest {

    /**
     * Two-sided normal quantile for a false-failure rate of 1e-4: a correct implementation lands outside
     * mean +/- Z * sd less than once in 10,000 (normal approximation to the binomial / Beta below).
     */
    private static final double Z = 3.891;

    private static final WorkAffinity.Result RESULT = WorkAffinity.simulate();
    private static final int N = WorkAffinity.DEFAULT_WORKERS;
    private static final int K = WorkAffinity.DEFAULT_KEYS;

    @Test
    void md5HashMatchesThePublishedDigestOfTheEmptyString() {
        // MD5("") = d41d8cd98f00b204e9800998ecf8427e (RFC 1321 test suite).
        assertThat(WorkAffinity.md5Hash("")).isEqualTo(0xd41d8cd98f00b204L);
    }

    @Test
    void sameSeedGivesTheSameTable() {
        assertThat(WorkAffinity.simulate().table().print()).isEqualTo(RESULT.table().print());
        assertThat(WorkAffinity.configure().seed(5).run().table().print()).isNotEqualTo(RESULT.table().print());
    }

    @Test
    void perWorkerLoadsSumToTheKeysAndTheRequests() {
        for (Row row : RESULT.rows()) {
            assertThat(row.keysPerWorker()).hasSize(N);
            assertThat(Arrays.stream(row.keysPerWorker()).sum()).as(row.strategy()).isEqualTo(K);
            assertThat(Arrays.stream(row.requestsPerWorker()).sum()).as(row.strategy())
                    .isEqualTo(WorkAffinity.DEFAULT_REQUESTS);
        }
    }

    @Test
    void moduloMovesAboutNOverNPlusOneOfTheKeysOnAJoin() {
        Row row = RESULT.row("hash % n", KeyDistribution.UNIFORM);
        double join = (double) N / (N + 1);
        // Each key moves independently with probability n/(n+1): binomial over K keys.
        assertThat(row.movedOnJoin()).isCloseTo(join, within(Z * Math.sqrt(join * (1 - join) / K)));
        double leave = (double) (N - 1) / N;
        assertThat(row.movedOnLeave()).isCloseTo(leave, within(Z * Math.sqrt(leave * (1 - leave) / K)));
    }

    @Test
    void aRingWith150VirtualNodesMovesAboutOneOverNPlusOneAndOnlyOntoTheNewWorker() {
        int v = 150;
        Row row = RESULT.row("ring, 150 vnodes", KeyDistribution.UNIFORM);
        // The new worker's share of the ring is a sum of v of (n+1)v uniform spacings: Beta(v, n v), so
        // var = n / ((n+1)^2 ((n+1) v + 1)); the K keys then add binomial noise around that share.
        double join = 1.0 / (N + 1);
        double joinVar = N / ((N + 1.0) * (N + 1.0) * ((N + 1.0) * v + 1)) + join * (1 - join) / K;
        assertThat(row.movedOnJoin()).isCloseTo(join, within(Z * Math.sqrt(joinVar)));
        // Leaving worker's share: Beta(v, (n-1) v).
        double leave = 1.0 / N;
        double leaveVar = (N - 1.0) / ((double) N * N * (N * v + 1.0)) + leave * (1 - leave) / K;
        assertThat(row.movedOnLeave()).isCloseTo(leave, within(Z * Math.sqrt(leaveVar)));
        for (Row r : RESULT.rows()) {
            if (r.strategy().startsWith("ring")) {
                assertThat(r.movedOnJoinNotToNewWorker()).as(r.strategy()).isZero();
            }
        }
        assertThat(RESULT.row("hash % n", KeyDistribution.UNIFORM).movedOnJoinNotToNewWorker()).isPositive();
    }

    @Test
    void moduloBalancesUniformKeysAsWellAsA150NodeRingAndOneNodeRingsDoNot() {
        double modulo = RESULT.row("hash % n", KeyDistribution.UNIFORM).maxOverMean();
        double ring150 = RESULT.row("ring, 150 vnodes", KeyDistribution.UNIFORM).maxOverMean();
        double ring1 = RESULT.row("ring, 1 vnode", KeyDistribution.UNIFORM).maxOverMean();
        assertThat(modulo).isLessThan(1.2);
        assertThat(ring150).isLessThan(1.2);
        assertThat(ring1).isGreaterThan(Math.max(modulo, ring150));
    }

    @Test
    void noSchemeSplitsAHotKeyItsWorkerCarriesAllOfIt() {
        for (Row row : RESULT.rows()) {
            if (row.distribution() != KeyDistribution.ZIPF) {
                continue;
            }
            long hotRequests = Math.round(row.hottestKeyShare() * WorkAffinity.DEFAULT_REQUESTS);
            assertThat(row.requestsPerWorker()[row.hottestKeyWorker()]).isGreaterThanOrEqualTo(hotRequests);
            // Zipf(1.0) over 10,000 keys gives rank 1 about 1/H(10000) ~ 10% of requests.
            assertThat(row.hottestKeyShare()).isGreaterThan(0.08);
            assertThat(row.maxOverMean()).as(row.strategy()).isGreaterThan(1.5);
        }
        assertThat(RESULT.toString()).contains("NOT fixed by either");
    }

    @Test
    void badInputNamesTheProblem() {
        assertThatThrownBy(() -> WorkAffinity.configure().workers(1)).hasMessageContaining("workers must be >= 2");
        assertThatThrownBy(() -> WorkAffinity.configure().vnodes(0)).hasMessageContaining("vnodes");
    }
}
