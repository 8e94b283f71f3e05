package org.workdistlab.lab.workloads;

/**
 * CPU work in countable units: each unit is one xorshift64 step, a chain of dependent shifts and xors the
 * JIT can neither vectorise nor skip (there is no closed form for n steps), and that touches no memory.
 */
final class Spin {

    /** Cache-line padding between per-worker slots in long arrays: 16 longs = 128 bytes. */
    static final int PAD = 16;

    private Spin() {
    }

    /** {@code units} xorshift64 steps from {@code x}; a non-zero input never yields zero. */
    static long mix(long x, int units) {
        for (int i = 0; i < units; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** One padded slot per worker ({@code worker * PAD}), each holding that worker's {@link #seed}. */
    static long[] seededSlots(int workers) {
        var s = new long[workers * PAD];
        for (int i = 0; i < workers; i++) {
            s[i * PAD] = seed(i);
        }
        return s;
    }

    /** A distinct non-zero seed per worker. */
    static long seed(int worker) {
        return (worker + 1) * 0x9E3779B97F4A7C15L | 1;
    }
}
