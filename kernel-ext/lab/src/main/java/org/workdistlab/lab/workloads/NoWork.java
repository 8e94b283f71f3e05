package org.workdistlab.lab.workloads;

import org.workdistlab.lab.harness.Workload;

/**
 * An operation that does nothing but return its worker index: measuring it measures the harness itself
 * (the loop, the stop-flag read, the call and the sink). The lab benchmark uses it to report the harness's
 * overhead.
 */
public final class NoWork implements Workload {

    private final long salt;

    public NoWork() {
        this.salt = System.nanoTime() | 1; // read from a field so the JIT cannot fold the result
    }

    @Override
    public long runOnce(int worker) {
        return salt + worker;
    }

    @Override
    public Kind kind() {
        return Kind.CPU_BOUND;
    }

    @Override
    public String describe() {
        return "no work (harness overhead)";
    }
}
