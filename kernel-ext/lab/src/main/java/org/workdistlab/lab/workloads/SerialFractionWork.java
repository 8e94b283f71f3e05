package org.workdistlab.lab.workloads;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.workdistlab.lab.harness.Workload;
import org.workdistlab.lab.models.Amdahl;

/**
 * CPU-bound work with a real serial part, shaped the way Amdahl's law assumes: the serial part runs while
 * nothing else can. Operations come in rounds of {@link #OPS_PER_ROUND}, like the loop iterations of a
 * fork/join job: workers take a round's operations from a shared counter and each does
 * {@code (1 - f) * units} of private work; when the round's last operation is done, the worker that finished
 * it runs the round's serial part ({@code f * units} per operation, on one shared value) while the others
 * wait, and only then opens the next round. Amdahl's {@code 1 / (f + (1 - f) / N)} is then the best the
 * measured curve can do.
 *
 * <pre>{@code
 * Workload w = SerialFractionWork.of(0.10);      // 10% of the work runs alone
 * Experiment.named("10% serial").workload(w).run().chart();
 * }</pre>
 *
 * <p>Why not a plain lock around a part of every operation: a lock stops only the threads that want it, so
 * one thread's locked part overlaps the others' unlocked parts and throughput approaches
 * {@code min(N, 1 / f)}, above Amdahl's curve (measured on 2 cores for f = 0.1: a speedup of 1.93 at 2
 * threads, where Amdahl gives 1.82). That is contention, which the Universal Scalability Law's sigma
 * describes, and {@link SharedCounter} shows it.
 *
 * <p>Expect the measured curve to fall a little below Amdahl's: waking the waiting workers at each round
 * costs time, and a round's last operations leave some workers idle (a round of 240 does not split evenly
 * over 7 workers). On a machine with C cores, counts above C share cores and add nothing, and each round
 * then also waits for workers the scheduler has set aside. The default size ({@link #DEFAULT_UNITS}, about
 * 40 µs on a 3 GHz core) keeps the harness's per-operation cost far below 1%.
 */
public final class SerialFractionWork implements Workload {

    /**
     * Default units per operation: about 40 µs on a 3 GHz core, so a round (240 operations) is about 10 ms of
     * work, and waking the workers once per round costs little next to it. Measured on 2 cores for f = 0.1:
     * 5 000 units gave a speedup of 1.72 at 2 threads and 1.24 at 8, 20 000 units 1.76 and 1.62 (Amdahl: 1.82).
     */
    public static final int DEFAULT_UNITS = 20_000;

    /** Operations per round: divisible by 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 20, 24, 30, 40, 48, 60, 80. */
    public static final int OPS_PER_ROUND = 240;

    private final double serialFraction;
    private final int serialUnits;
    private final int parallelUnits;
    private final SectionProbe probe;

    /** Operations of the current round handed out, and finished; reset by the round's last finisher. */
    private final AtomicInteger taken = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    /** Bumped, under {@code gate}, when a round's serial part is over and the next round is open. */
    private volatile long round;
    private volatile boolean stopped;
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition opened = gate.newCondition();

    /** Written only by a round's last finisher; the atomics above order those writes. */
    private long shared = 1;
    /** Per-worker private state, padded so workers never share a cache line. */
    private long[] state = new long[0];

    /** Called inside the sections; tests count who is inside with it. */
    interface SectionProbe {
        void entered();

        void leaving();

        default void enteredParallel() {
        }

        default void leavingParallel() {
        }
    }

    SerialFractionWork(double serialFraction, int units, SectionProbe probe) {
        if (!(serialFraction >= 0 && serialFraction <= 1)) {
            throw new IllegalArgumentException("serial fraction must be between 0 and 1, was " + serialFraction
                    + ": e.g. 0.1 for 10% of the work done alone");
        }
        if (units < 1 || units > 100_000_000) {
            throw new IllegalArgumentException("units per operation must be 1..100 000 000, was " + units);
        }
        this.serialUnits = (int) Math.round(serialFraction * units);
        this.parallelUnits = units - serialUnits;
        this.serialFraction = (double) serialUnits / units;
        this.probe = probe;
    }

    /** {@code serialFraction} (0..1) of the work runs alone, in each round's serial part; default size. */
    public static SerialFractionWork of(double serialFraction) {
        return new SerialFractionWork(serialFraction, DEFAULT_UNITS, null);
    }

    /** As {@link #of(double)} with {@code units} xorshift steps per operation. */
    public static SerialFractionWork of(double serialFraction, int units) {
        return new SerialFractionWork(serialFraction, units, null);
    }

    /** The serial fraction actually used (after rounding to whole units). */
    public double serialFraction() {
        return serialFraction;
    }

    /**
     * Amdahl's speedup for this workload's serial fraction on {@code processors} processors (a model:
     * it assumes free hand-offs and one core per thread). On a machine with C cores compare measured points
     * with {@code amdahlSpeedup(Math.min(n, C))}.
     */
    public double amdahlSpeedup(int processors) {
        return Amdahl.speedup(serialFraction, processors);
    }

    /** Units of serial work per operation (a round runs {@link #OPS_PER_ROUND} times this, alone). */
    public int serialUnits() {
        return serialUnits;
    }

    /** Units of parallel work per operation. */
    public int parallelUnits() {
        return parallelUnits;
    }

    @Override
    public void setup(int threads) {
        state = Spin.seededSlots(threads);
        shared = 1;
        done.set(0);
        taken.set(0);
        stopped = false;
        round = 0; // volatile write last: workers started after setup see everything above
    }

    @Override
    public long runOnce(int worker) throws InterruptedException {
        var s = state;
        int slot = worker * Spin.PAD;
        if (serialUnits == 0) {
            long x = Spin.mix(s[slot], parallelUnits);
            s[slot] = x;
            return x;
        }
        if (!takeOne()) {
            return 0; // the run is over
        }
        if (probe != null) {
            probe.enteredParallel();
        }
        long x = Spin.mix(s[slot], parallelUnits);
        s[slot] = x;
        if (probe != null) {
            probe.leavingParallel();
        }
        if (done.incrementAndGet() < OPS_PER_ROUND) {
            return x;
        }
        // The round's last operation: every other worker is out of its parallel part and waits for the next
        // round, so this is the serial part Amdahl describes.
        if (probe != null) {
            probe.entered();
        }
        long r = shared ^ x | 1;
        for (int i = 0; i < OPS_PER_ROUND; i++) {
            r = Spin.mix(r, serialUnits);
        }
        shared = r;
        if (probe != null) {
            probe.leaving();
        }
        done.set(0);
        taken.set(0);
        gate.lock();
        try {
            round++;
            opened.signalAll();
        } finally {
            gate.unlock();
        }
        return x ^ r;
    }

    /** Takes one operation of the open round, waiting for the next round if all are taken; false if stopped. */
    private boolean takeOne() throws InterruptedException {
        while (true) {
            long r = round;
            int t = taken.get();
            if (t < OPS_PER_ROUND) {
                if (taken.compareAndSet(t, t + 1)) {
                    return true;
                }
                continue;
            }
            gate.lockInterruptibly();
            try {
                while (round == r && !stopped) {
                    opened.await();
                }
            } finally {
                gate.unlock();
            }
            if (stopped) {
                return false;
            }
        }
    }

    /** Releases workers waiting for a round that will not be opened now that the window has closed. */
    @Override
    public void onStop() {
        gate.lock();
        try {
            stopped = true;
            opened.signalAll();
        } finally {
            gate.unlock();
        }
    }

    @Override
    public Kind kind() {
        return Kind.CPU_BOUND;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "cpu %d units/op, %.0f%% serial (runs alone)", serialUnits + parallelUnits,
                serialFraction * 100);
    }
}
