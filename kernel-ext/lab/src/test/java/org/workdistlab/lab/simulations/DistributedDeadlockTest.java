package org.workdistlab.lab.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scenario: three workers take two of three locks in a cycle. Outcomes: the trap must be DETECTED with all
 * three named and then fully cleaned up (no worker thread left); both fixes must COMPLETE every round.
 * FORBIDDEN: a thread left alive, a fix that hangs (the run joins every thread, so a hang fails the suite).
 */
class DistributedDeadlockTest {

    private static final Set<String> PREFIXES = Set.of("worker-A", "worker-B", "worker-C");

    private static List<String> liveSimulationThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> PREFIXES.stream().anyMatch(n::startsWith))
                .toList();
    }

    @Test
    void theCycleIsDetectedWithEveryWorkerAndLockNamedAndNoThreadIsLeftBehind() {
        var result = DistributedDeadlock.configure().rounds(50).run();
        var d = result.detection();
        assertThat(d.deadlockedThreads()).containsExactlyInAnyOrder("worker-A", "worker-B", "worker-C");
        assertThat(d.cycle()).containsExactly(
                "worker-A holds lock-1 and waits for lock-2, held by worker-B",
                "worker-B holds lock-2 and waits for lock-3, held by worker-C",
                "worker-C holds lock-3 and waits for lock-1, held by worker-A");
        assertThat(d.victim()).isEqualTo("worker-A");
        assertThat(d.finishedAfterAbort()).isEqualTo(2);
        assertThat(d.threadsLeftAlive()).isZero();
        assertThat(liveSimulationThreads()).isEmpty();
    }

    @Test
    void bothFixesCompleteEveryRoundAndOnlyTheTimeoutFixNeedsRetries() {
        int rounds = 50;
        var result = DistributedDeadlock.configure().rounds(rounds).run();
        var ordered = result.fixes().get(0);
        var backoff = result.fixes().get(1);
        assertThat(ordered.completedByWorker()).containsExactly(rounds, rounds, rounds);
        assertThat(ordered.retries()).isZero();
        assertThat(backoff.completedByWorker()).containsExactly(rounds, rounds, rounds);
        // The first round is forced into the cycle, so at least one worker must time out and back off.
        assertThat(backoff.retries()).isPositive();
        assertThat(ordered.threadsLeftAlive()).isZero();
        assertThat(backoff.threadsLeftAlive()).isZero();
        assertThat(liveSimulationThreads()).isEmpty();
        assertThat(result.table().rowCount()).isEqualTo(3);
        assertThat(result.toString()).contains("worker-C holds lock-3 and waits for lock-1");
    }
}
