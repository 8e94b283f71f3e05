package org.workdistlab.lab.workloads;

import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.workdistlab.lab.harness.Workload;

/**
 * The coordination tax: N workers that each do the same private work per round, and either exchange a
 * message with every other worker every round ({@link #allToAll}), or never talk ({@link #independent}).
 *
 * <p>All-to-all has N(N-1)/2 communication paths (Brooks' count, FACT-CHECK row 8) and moves N(N-1)
 * messages per round, one each way per path, through one bounded queue per direction. A worker's round is
 * complete only when it has heard from every other worker in that round, so the slowest worker paces all.
 *
 * <pre>{@code
 * Experiment.named("talk").workload(Coordination.allToAll()).threads(1, 2, 4, 8).run();
 * Experiment.named("silent").workload(Coordination.independent()).threads(1, 2, 4, 8).run();
 * }</pre>
 *
 * Expect the independent curve to scale up to the core count, and all-to-all to flatten and then fall:
 * per-round messages grow as N², and every wait may park and wake a thread. One operation is one round of
 * one worker.
 */
public final class Coordination implements Workload {

    /** Default private work per round: 5 000 units, about 10 µs. */
    public static final int DEFAULT_UNITS = 5_000;

    private final boolean talk;
    private final int units;
    /** queues[from][to]: messages from one worker to another, in round order. */
    private ArrayBlockingQueue<Integer>[][] queues;
    private Integer[] tokens;
    /** Per worker, padded: [0] messages sent, [1] messages received, [2] rounds completed. */
    private long[] counts = new long[0];
    private volatile boolean stopped;

    private Coordination(boolean talk, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("work units per round must be >= 0, was " + units);
        }
        this.talk = talk;
        this.units = units;
    }

    /** Every worker exchanges one message with every other worker each round. */
    public static Coordination allToAll() {
        return new Coordination(true, DEFAULT_UNITS);
    }

    /** As {@link #allToAll()} with {@code units} of private work per round. */
    public static Coordination allToAll(int units) {
        return new Coordination(true, units);
    }

    /** The same private work per round, no messages. */
    public static Coordination independent() {
        return new Coordination(false, DEFAULT_UNITS);
    }

    /** As {@link #independent()} with {@code units} of private work per round. */
    public static Coordination independent(int units) {
        return new Coordination(false, units);
    }

    /** Communication paths among {@code n} workers: n(n-1)/2. */
    public static long paths(int n) {
        return (long) n * (n - 1) / 2;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays cannot be created directly
    public void setup(int threads) {
        stopped = false;
        counts = new long[threads * Spin.PAD];
        for (int i = 0; i < threads; i++) {
            counts[i * Spin.PAD + 3] = Spin.seed(i);
        }
        if (!talk) {
            return;
        }
        tokens = new Integer[threads];
        queues = new ArrayBlockingQueue[threads][threads];
        for (int from = 0; from < threads; from++) {
            tokens[from] = from; // allocated here, not per message
            for (int to = 0; to < threads; to++) {
                // a worker is at most one round ahead of any peer, so two slots always suffice
                queues[from][to] = from == to ? null : new ArrayBlockingQueue<>(2);
            }
        }
    }

    @Override
    public long runOnce(int worker) throws InterruptedException {
        var c = counts;
        int base = worker * Spin.PAD;
        long x = Spin.mix(c[base + 3], units);
        c[base + 3] = x;
        if (!talk) {
            c[base + 2]++;
            return x;
        }
        var q = queues;
        int n = q.length;
        for (int to = 0; to < n; to++) {
            if (to != worker && !q[worker][to].offer(tokens[worker])) {
                throw new IllegalStateException("queue " + worker + "->" + to + " full: a worker ran two rounds ahead");
            }
        }
        c[base] += n - 1;
        long heard = 0;
        for (int from = 0; from < n; from++) {
            if (from == worker) {
                continue;
            }
            Integer m;
            while ((m = q[from][worker].poll(1, TimeUnit.MILLISECONDS)) == null) {
                if (stopped) {
                    return x ^ heard; // the run is over and this peer has left: abandon the round
                }
            }
            if (m != from) {
                throw new IllegalStateException("worker " + worker + " got a message from " + m + " on the queue of " + from);
            }
            c[base + 1]++;
            heard += m;
        }
        c[base + 2]++;
        return x ^ heard;
    }

    /** Releases workers waiting for a peer that has already left its loop. */
    @Override
    public void onStop() {
        stopped = true;
    }

    /** Messages sent since the last setup, all workers (read after the workers stopped). */
    public long messagesSent() {
        return sum(0);
    }

    /** Messages received since the last setup, all workers (read after the workers stopped). */
    public long messagesReceived() {
        return sum(1);
    }

    /** Rounds completed since the last setup, all workers (read after the workers stopped). */
    public long roundsCompleted() {
        return sum(2);
    }

    private long sum(int field) {
        var c = counts;
        long s = 0;
        for (int i = field; i < c.length; i += Spin.PAD) {
            s += c[i];
        }
        return s;
    }

    @Override
    public Kind kind() {
        return Kind.CPU_BOUND;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "%s, %d units per round", talk ? "all-to-all messages each round"
                : "independent workers", units);
    }
}
