package org.workdistlab.grader.suites.batcher;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.workdistlab.exercises.batcher.BatchFailureHandler;
import org.workdistlab.exercises.batcher.BatchSink;

/**
 * The grader's sink and failure handler: records every batch, counts overlapping calls, and can hold calls at a
 * gate, fail chosen batches, or measure how many items the batcher held when a batch arrived.
 *
 * <p>Deliberately not thread-safe in the way a real sink would not be; it detects overlap instead of preventing
 * it (an atomic in-flight counter), and keeps its records under its own monitor so the grader can read them.
 */
final class RecordingSink<T> implements BatchSink<T>, BatchFailureHandler<T> {

    /** A batch the failure handler received, with the exception and whether it was the one the sink threw. */
    record Failure<T>(List<T> batch, RuntimeException error) {
    }

    /** Delivered batches by the index of the sink call that got them (the order calls were entered). */
    private final java.util.TreeMap<Integer, List<T>> delivered = new java.util.TreeMap<>();
    private final List<Failure<T>> failures = new ArrayList<>();
    private final List<RuntimeException> thrown = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private int itemsSeen;

    private volatile CountDownLatch gate;
    private volatile IntPredicate failCall = call -> false;
    private volatile long workNanos;
    private volatile LongSupplier acceptedSoFar;
    private final AtomicLong completedItems = new AtomicLong();
    private final AtomicLong maxHeldSeen = new AtomicLong();

    /** Sink calls wait here until {@link #openGate()}. */
    RecordingSink<T> gated() {
        gate = new CountDownLatch(1);
        return this;
    }

    void openGate() {
        var g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    /** The sink throws on the calls (0-based) that {@code which} selects. */
    RecordingSink<T> failingOn(IntPredicate which) {
        failCall = which;
        return this;
    }

    /** Each sink call parks this long, to widen the window in which a second call could overlap. */
    RecordingSink<T> working(long nanos) {
        workNanos = nanos;
        return this;
    }

    /**
     * At each call, records {@code accepted - completed}, a lower bound of the items the batcher holds: adds are
     * counted after they return and completions before the sink returns, so this never overstates.
     */
    RecordingSink<T> measuringHeld(LongSupplier accepted) {
        acceptedSoFar = accepted;
        return this;
    }

    @Override
    public void accept(List<T> batch) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        try {
            int call = calls.getAndIncrement();
            var accepted = acceptedSoFar;
            if (accepted != null) {
                maxHeldSeen.accumulateAndGet(accepted.getAsLong() - completedItems.get(), Math::max);
            }
            var g = gate;
            if (g != null) {
                g.await(60, TimeUnit.SECONDS);
            }
            if (workNanos > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(workNanos);
            }
            if (failCall.test(call)) {
                var e = new RuntimeException("grader's sink fails batch call #" + call + " on purpose");
                synchronized (this) {
                    thrown.add(e);
                }
                completedItems.addAndGet(batch.size());
                throw e;
            }
            synchronized (this) {
                delivered.put(call, List.copyOf(batch));
                itemsSeen += batch.size();
                notifyAll();
            }
            completedItems.addAndGet(batch.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    @Override
    public void onFailure(List<T> batch, RuntimeException error) {
        synchronized (this) {
            failures.add(new Failure<>(List.copyOf(batch), error));
            itemsSeen += batch.size();
            notifyAll();
        }
    }

    /** Waits until at least {@code items} items were delivered or reported failed; returns how many were. */
    synchronized int awaitItems(int items, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (itemsSeen < items) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return itemsSeen;
    }

    synchronized List<List<T>> batches() {
        return List.copyOf(delivered.values());
    }

    synchronized List<T> items() {
        return delivered.values().stream().flatMap(List::stream).toList();
    }

    synchronized List<Integer> sizes() {
        return delivered.values().stream().map(List::size).toList();
    }

    synchronized List<Failure<T>> failures() {
        return List.copyOf(failures);
    }

    synchronized List<RuntimeException> thrown() {
        return List.copyOf(thrown);
    }

    synchronized int itemsSeen() {
        return itemsSeen;
    }

    int calls() {
        return calls.get();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    long maxHeldSeen() {
        return maxHeldSeen.get();
    }
}
