package org.workdistlab.lab.workloads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.workdistlab.lab.harness.Workload;

/**
 * Contention: every operation adds 1 to one logical counter, kept in one of four ways. The counter is the
 * only shared state; {@link #total()} is exact for every strategy once the workers have stopped.
 *
 * <pre>{@code
 * for (var s : SharedCounter.Strategy.values())
 *     Experiment.named(s.name()).workload(SharedCounter.of(s)).threads(1, 2, 4).run();
 * }</pre>
 *
 * Expect SYNCHRONIZED and ATOMIC_LONG to get slower per operation as threads are added (one cache line
 * bounces between cores), LONG_ADDER to hold up (it spreads hot updates over cells), and SHARDS to scale
 * like independent work (each worker owns a padded slot; the sum is taken only when read). The operation is
 * tiny, so the harness's own few nanoseconds per operation are a visible share here; compare strategies
 * with each other, not with the CPU workload.
 */
public final class SharedCounter implements Workload {

    /** How the counter is kept. */
    public enum Strategy {
        /** A {@code long} field incremented inside {@code synchronized}. */
        SYNCHRONIZED,
        /** {@link AtomicLong#incrementAndGet()}: one CAS loop on one cache line. */
        ATOMIC_LONG,
        /** {@link LongAdder#increment()}: striped cells, summed on read. */
        LONG_ADDER,
        /** One padded slot per worker, written only by its owner, summed on read. */
        SHARDS
    }

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final Strategy strategy;
    private final int localUnits;
    private final Object lock = new Object();
    /** Guarded by {@code lock}. */
    private long locked;
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private volatile long[] shards = new long[Spin.PAD];

    private SharedCounter(Strategy strategy, int localUnits) {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is null: pick one of SYNCHRONIZED, ATOMIC_LONG, LONG_ADDER, SHARDS");
        }
        if (localUnits < 0) {
            throw new IllegalArgumentException("local work units must be >= 0, was " + localUnits);
        }
        this.strategy = strategy;
        this.localUnits = localUnits;
    }

    /** Increments only: the contention at its worst. */
    public static SharedCounter of(Strategy strategy) {
        return new SharedCounter(strategy, 0);
    }

    /** Does {@code localUnits} of private work between increments, which dilutes the contention. */
    public static SharedCounter of(Strategy strategy, int localUnits) {
        return new SharedCounter(strategy, localUnits);
    }

    public Strategy strategy() {
        return strategy;
    }

    /** Resets the counter and makes one shard per worker. */
    @Override
    public void setup(int threads) {
        synchronized (lock) {
            locked = 0;
        }
        atomic.set(0);
        adder.reset();
        shards = new long[(threads + 1) * Spin.PAD];
    }

    @Override
    public long runOnce(int worker) {
        long local = localUnits == 0 ? worker : Spin.mix(Spin.seed(worker), localUnits);
        switch (strategy) {
            case SYNCHRONIZED -> {
                synchronized (lock) {
                    locked++;
                }
            }
            case ATOMIC_LONG -> atomic.incrementAndGet();
            case LONG_ADDER -> adder.increment();
            case SHARDS -> {
                var s = shards;
                int i = worker * Spin.PAD;
                // only the owner writes its slot; opaque keeps each store (the JIT may not sink it out of the loop)
                SLOT.setOpaque(s, i, (long) SLOT.getOpaque(s, i) + 1);
            }
            default -> throw new IllegalStateException("unknown strategy " + strategy);
        }
        return local;
    }

    /**
     * The counter's value: the number of {@link #runOnce} calls since the last {@link #setup}. Exact once the
     * workers have stopped (joined, or met at a barrier); a moving estimate while they run.
     */
    public long total() {
        return switch (strategy) {
            case SYNCHRONIZED -> {
                synchronized (lock) {
                    yield locked;
                }
            }
            case ATOMIC_LONG -> atomic.get();
            case LONG_ADDER -> adder.sum();
            case SHARDS -> {
                var s = shards;
                long sum = 0;
                for (int i = 0; i < s.length; i += Spin.PAD) {
                    sum += (long) SLOT.getOpaque(s, i);
                }
                yield sum;
            }
        };
    }

    @Override
    public Kind kind() {
        return Kind.CPU_BOUND;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "shared counter, %s%s", strategy.name().toLowerCase(Locale.ROOT),
                localUnits == 0 ? "" : ", " + localUnits + " local units between increments");
    }
}
