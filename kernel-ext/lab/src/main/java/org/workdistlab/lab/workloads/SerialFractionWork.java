package org.workdistlab.lab.workloads;

import java.util.Locale;
import org.workdistlab.lab.harness.Workload;
import org.workdistlab.lab.models.Amdahl;

/**
 * CPU-bound work with a real serial part: each operation does {@code (1 - f) * units} of private work, then
 * {@code f * units} of work on one shared value under one shared lock. Only one thread can be in the serial
 * section at a time, so Amdahl's law {@code 1 / (f + (1 - f) / N)} is the best the measured curve can do.
 *
 * <pre>{@code
 * Workload w = SerialFractionWork.of(0.10);      // 10% of each operation under the lock
 * Experiment.named("10% serial").workload(w).run().chart();
 * }</pre>
 *
 * <p>Expect the measured curve to fall below Amdahl's: handing the lock from one core to another costs
 * time (cache-line transfer, and parking and waking a thread when it waits long), and that time is serial
 * too. On a machine with C cores, counts above C share cores and add nothing. The default size (5 000
 * units, about 10 µs on a 3 GHz core) keeps the harness's per-operation cost far below 1%.
 */
public final class SerialFractionWork implements Workload {

    /** Default units per operation: about 10 µs on a 3 GHz core. */
    public static final int DEFAULT_UNITS = 5_000;

    private final double serialFraction;
    private final int serialUnits;
    private final int parallelUnits;
    private final Object lock = new Object();
    private final SectionProbe probe;

    /** Guarded by {@code lock}: the state the serial sections work on, one after another. */
    private long shared = 1;
    /** Per-worker private state, padded so workers never share a cache line. */
    private long[] state = new long[0];

    /** Called inside the serial section; tests count concurrent holders with it. */
    interface SectionProbe {
        void entered();

        void leaving();
    }

    SerialFractionWork(double serialFraction, int units, SectionProbe probe) {
        if (!(serialFraction >= 0 && serialFraction <= 1)) {
            throw new IllegalArgumentException("serial fraction must be between 0 and 1, was " + serialFraction
                    + ": e.g. 0.1 for 10% of each operation under the lock");
        }
        if (units < 1 || units > 100_000_000) {
            throw new IllegalArgumentException("units per operation must be 1..100 000 000, was " + units);
        }
        this.serialUnits = (int) Math.round(serialFraction * units);
        this.parallelUnits = units - serialUnits;
        this.serialFraction = (double) serialUnits / units;
        this.probe = probe;
    }

    /** {@code serialFraction} of each operation (0..1) runs under one shared lock; default size. */
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

    /** Units of work per operation under the lock. */
    public int serialUnits() {
        return serialUnits;
    }

    /** Units of work per operation outside the lock. */
    public int parallelUnits() {
        return parallelUnits;
    }

    @Override
    public void setup(int threads) {
        var s = new long[threads * Spin.PAD];
        for (int i = 0; i < threads; i++) {
            s[i * Spin.PAD] = Spin.seed(i);
        }
        state = s;
        synchronized (lock) {
            shared = 1;
        }
    }

    @Override
    public long runOnce(int worker) {
        var s = state;
        int slot = worker * Spin.PAD;
        long x = Spin.mix(s[slot], parallelUnits);
        s[slot] = x;
        if (serialUnits == 0) {
            return x;
        }
        long r;
        synchronized (lock) {
            if (probe != null) {
                probe.entered();
            }
            r = Spin.mix(shared ^ x | 1, serialUnits);
            shared = r;
            if (probe != null) {
                probe.leaving();
            }
        }
        return x ^ r;
    }

    @Override
    public Kind kind() {
        return Kind.CPU_BOUND;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "cpu %d units/op, %.0f%% under one lock", serialUnits + parallelUnits,
                serialFraction * 100);
    }
}
