package org.workdistlab.lab.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * An instrumented workload: one "epoch" per setup..teardown (warm-ups included), recording the thread count
 * of each setup, the calls made in each epoch, and for each worker the global ticket at which its first
 * operation of the epoch ended. The last worker's first operation is slowed down, so a harness that opened
 * its window before every worker ran would be caught.
 */
final class RecordingWorkload implements Workload, TrialObserver {

    final List<Integer> setups = Collections.synchronizedList(new ArrayList<>());
    final List<Long> callsPerEpoch = Collections.synchronizedList(new ArrayList<>());
    /** Per epoch: the largest first-op-end ticket of any worker, and the ticket when the window opened. */
    final List<long[]> firstOpEndVsOpen = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong ticket = new AtomicLong();
    private final long slowFirstOpNanos;
    private final Kind kind;
    private volatile AtomicLongArray firstOpEnd;
    private final AtomicLong calls = new AtomicLong();
    private volatile long openTicket = -1;
    int teardowns;

    RecordingWorkload(long slowFirstOpNanos, Kind kind) {
        this.slowFirstOpNanos = slowFirstOpNanos;
        this.kind = kind;
    }

    RecordingWorkload() {
        this(0, Kind.CPU_BOUND);
    }

    @Override
    public void setup(int threads) {
        setups.add(threads);
        calls.set(0);
        openTicket = -1;
        var a = new AtomicLongArray(threads);
        for (int i = 0; i < threads; i++) {
            a.set(i, -1);
        }
        firstOpEnd = a;
    }

    @Override
    public long runOnce(int worker) {
        var first = firstOpEnd;
        if (first.get(worker) < 0 && worker == first.length() - 1 && slowFirstOpNanos > 0) {
            LockSupport.parkNanos(slowFirstOpNanos);
        }
        calls.incrementAndGet();
        long t = ticket.incrementAndGet();
        if (first.get(worker) < 0) {
            first.set(worker, t);
        }
        return t;
    }

    @Override
    public void teardown() {
        teardowns++;
        callsPerEpoch.add(calls.get());
        var first = firstOpEnd;
        long latest = -1;
        for (int i = 0; i < first.length(); i++) {
            latest = Math.max(latest, first.get(i));
        }
        firstOpEndVsOpen.add(new long[] {latest, openTicket});
    }

    @Override
    public void windowOpening(int threads) {
        openTicket = ticket.get();
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public String describe() {
        return "recording workload";
    }
}
