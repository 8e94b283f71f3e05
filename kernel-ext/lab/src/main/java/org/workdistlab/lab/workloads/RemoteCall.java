package org.workdistlab.lab.workloads;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import org.workdistlab.lab.harness.Workload;

/**
 * A simulated remote call: a little CPU work to build the request, then a wait of a fixed latency (as if
 * for a database or service). Threads overlap their waits, so throughput grows with threads even on one CPU
 * (mybinder.org gives each learner 1 CPU), until the CPU part saturates the cores.
 *
 * <pre>{@code
 * Workload w = RemoteCall.of(Duration.ofMillis(2));        // 2 ms wait per call
 * Workload mixed = RemoteCall.of(Duration.ofMillis(2), 50_000); // plus ~100 µs of CPU work per call
 * }</pre>
 *
 * The wait uses {@link LockSupport#parkNanos} (microsecond precision, unlike {@code Thread.sleep}'s
 * millisecond rounding on older JDKs) and throws {@link InterruptedException} when interrupted.
 */
public final class RemoteCall implements Workload {

    /** Default latency: 2 ms, so a 300 ms trial sees about 150 calls per thread. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(2);

    private final long latencyNanos;
    private final int cpuUnits;
    private long[] state = new long[0];

    private RemoteCall(Duration latency, int cpuUnits) {
        if (latency == null || latency.isNegative() || latency.toSeconds() > 60) {
            throw new IllegalArgumentException("latency must be 0..60 s, was " + latency + ": e.g. Duration.ofMillis(2)");
        }
        if (cpuUnits < 0) {
            throw new IllegalArgumentException("cpu units must be >= 0, was " + cpuUnits);
        }
        this.latencyNanos = latency.toNanos();
        this.cpuUnits = cpuUnits;
    }

    /** A call that only waits {@code latency}. */
    public static RemoteCall of(Duration latency) {
        return new RemoteCall(latency, 0);
    }

    /** A call that does {@code cpuUnits} xorshift steps (about 2 ns each) and then waits {@code latency}. */
    public static RemoteCall of(Duration latency, int cpuUnits) {
        return new RemoteCall(latency, cpuUnits);
    }

    public Duration latency() {
        return Duration.ofNanos(latencyNanos);
    }

    public int cpuUnits() {
        return cpuUnits;
    }

    @Override
    public void setup(int threads) {
        state = Spin.seededSlots(threads);
    }

    @Override
    public long runOnce(int worker) throws InterruptedException {
        var s = state;
        int slot = worker * Spin.PAD;
        long x = Spin.mix(s[slot], cpuUnits);
        s[slot] = x;
        await(latencyNanos);
        return x;
    }

    /** Waits {@code nanos}, interruptibly; spurious wake-ups park again for the rest. */
    static void await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        long left = nanos;
        while (left > 0) {
            LockSupport.parkNanos(left);
            if (Thread.interrupted()) {
                throw new InterruptedException("remote call interrupted");
            }
            left = deadline - System.nanoTime();
        }
    }

    @Override
    public Kind kind() {
        return Kind.BLOCKING;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "remote call: wait %.2f ms%s", latencyNanos / 1e6,
                cpuUnits == 0 ? "" : " + " + cpuUnits + " cpu units");
    }
}
