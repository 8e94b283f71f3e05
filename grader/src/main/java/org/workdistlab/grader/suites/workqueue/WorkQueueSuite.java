package org.workdistlab.grader.suites.workqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.workdistlab.exercises.workqueue.AgingPolicy;
import org.workdistlab.exercises.workqueue.AgingPriorityQueue;
import org.workdistlab.exercises.workqueue.Backoff;
import org.workdistlab.exercises.workqueue.DeadLetter;
import org.workdistlab.exercises.workqueue.RetryDecision;
import org.workdistlab.exercises.workqueue.RetryPolicy;
import org.workdistlab.exercises.workqueue.TaskContext;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;
import org.workdistlab.exercises.workqueue.WorkTask;
import org.workdistlab.grader.api.Check;
import org.workdistlab.grader.api.Exercise;
import org.workdistlab.grader.api.Report;
import org.workdistlab.grader.api.Submission;

/**
 * Grades the work queue exercise part by part: the deque (1), the aging priority queue (2), the retry policy (3)
 * and the pool (4). Each check creates only the part it grades, so an unfinished part costs only its own points;
 * the pool is graded with the grader's own clock, retry policy and thread factory.
 *
 * <p>No check measures time except {@link #throughput()}, which compares with the reference in the same JVM.
 * Waits carry generous limits that only a broken implementation reaches ({@link Await}). Statistical bars state
 * how often a correct implementation would fail them, next to the bar.
 */
@Exercise(id = "workqueue", title = "Work queue: stealing deque, aging, backoff, pool", contract = WorkQueueFactory.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public class WorkQueueSuite {

    static final String NB = "05-work-queue";

    private final WorkQueueFactory factory = Submission.create(WorkQueueFactory.class);

    // =============================================================== part 1: the deque

    @Test
    @Order(10)
    @Check(id = "deque-ends", points = 5, section = NB + "#work-stealing-deque",
            hint = "The owner pushes and pops at the same end, newest first (LIFO); steal takes from the OTHER end, "
                    + "oldest first. Both return null when empty; push(null) throws NullPointerException; the deque "
                    + "grows past any initial capacity and reuses its slots (index modulo capacity).")
    void dequeEnds() {
        WorkStealingDeque<Integer> d = factory.createDeque();
        same("pop() on a new deque", null, d.pop());
        same("steal() on a new deque", null, d.steal());
        same("size() of a new deque", 0, d.size());
        for (int i = 1; i <= 5; i++) {
            d.push(i);
        }
        same("size() after push(1..5)", 5, d.size());
        same("pop() after push(1..5) (the newest)", 5, d.pop());
        same("steal() after push(1..5), pop() (the oldest)", 1, d.steal());
        same("second steal() (the oldest left)", 2, d.steal());
        same("pop() with [3, 4] left", 4, d.pop());
        same("size() with [3] left", 1, d.size());
        same("pop() with [3] left", 3, d.pop());
        same("pop() once empty again", null, d.pop());
        same("steal() once empty again", null, d.steal());
        try {
            d.push(null);
            throw new AssertionError("push(null) returned normally; expected NullPointerException");
        } catch (NullPointerException expected) {
            // as documented
        }

        var big = factory.<Integer>createDeque();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            big.push(i);
        }
        same("size() after 10,000 pushes", n, big.size());
        for (int i = 0; i < n / 2; i++) {
            same("steal() number " + (i + 1) + " after pushing 0..9999", i, big.steal());
        }
        for (int i = n - 1; i >= n / 2; i--) {
            same("pop() after pushing 0..9999 and stealing 0..4999", i, big.pop());
        }
        same("pop() after taking all 10,000", null, big.pop());

        var ring = factory.<Integer>createDeque();
        for (int i = 0; i < 20_000; i++) { // a sliding window of 3: push at the bottom, steal at the top
            ring.push(i);
            if (i >= 3) {
                same("steal() while pushing 0.." + i + " and keeping 3 tasks", i - 3, ring.steal());
            }
        }
        same("pop() at the end of the sliding window", 19_999, ring.pop());
    }

    /**
     * Budget, sized on this 2-core machine. Lincheck's one-time start-up in a fresh JVM (agent, instrumentation)
     * dominates: the whole check took 4.6-6.3 s per forked grading with {@code stress-ng --cpu 1} running (20
     * runs), and 17-27 s while other builds kept the load average near 18. 10 scenarios x 200 interleavings catch
     * every deque bug in the catalogue (unsynchronised, steal from the wrong end, pop racing a steal without a
     * CAS, a steal that gives up on contention) in their first failing scenario; the issue's 20 x 500 took
     * 10-14 s under load, Lincheck's default budget far longer. A run that does not finish within
     * {@link #LINCHECK_LIMIT_SECONDS} fails: an unfinished model check proves nothing.
     */
    static final int LINCHECK_SCENARIOS = 10;
    static final int LINCHECK_INTERLEAVINGS = 200;
    static final int LINCHECK_LIMIT_SECONDS = 75;

    @Test
    @Order(20)
    @Check(id = "deque-linearizable", points = 10, section = NB + "#linearizability", timeoutSeconds = 90,
            hint = "Under concurrency every result must match SOME order of the same calls done one at a time. "
                    + "A lock around every method is the easy correct answer; lock-free (Chase-Lev) needs: volatile "
                    + "top and bottom, pop writes bottom BEFORE reading top, and owner and thieves race for the last "
                    + "task with one CAS on top. A thief that loses a race retries instead of returning null.")
    void dequeLinearizable() throws Exception {
        factory.<Integer>createDeque().push(1); // fails fast (and clearly) on an unfinished deque
        DequeLinearizability.factory = factory::createDeque;
        var outcome = new AtomicReference<Throwable>();
        var finished = new CountDownLatch(1);
        var runner = new Thread(() -> {
            try {
                DequeLinearizability.options(LINCHECK_SCENARIOS, LINCHECK_INTERLEAVINGS)
                        .check(DequeLinearizability.class);
            } catch (Throwable t) {
                outcome.set(t);
            } finally {
                finished.countDown();
            }
        }, "wdl-lincheck");
        runner.setDaemon(true);
        runner.start();
        if (!finished.await(LINCHECK_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("Lincheck did not finish its " + LINCHECK_SCENARIOS + " scenarios x "
                    + LINCHECK_INTERLEAVINGS + " interleavings within " + LINCHECK_LIMIT_SECONDS + " s, so nothing "
                    + "was proven: an unfinished model check is not a pass. Does some call spin or block for long?");
        }
        Report.measurement("lincheck scenarios", LINCHECK_SCENARIOS);
        Report.measurement("lincheck interleavings per scenario", LINCHECK_INTERLEAVINGS);
        Throwable failure = outcome.get();
        if (failure == null) {
            return;
        }
        if (failure.getClass().getName().startsWith("org.jetbrains.lincheck")
                || failure.getClass().getName().startsWith("org.jetbrains.kotlinx.lincheck")) {
            throw new AssertionError("push/pop (owner) and steal (thieves) are not linearizable: Lincheck found a run "
                    + "whose results no one-at-a-time order of the same calls explains.\n"
                    + trimLincheck(String.valueOf(failure.getMessage())));
        }
        throw new AssertionError("Lincheck could not run the deque: " + failure, failure);
    }

    /** Keeps the results table and the interleaving; drops Lincheck's detailed trace; at most 60 lines. */
    static String trimLincheck(String report) {
        int detailed = report.indexOf("Detailed trace:");
        String kept = detailed >= 0 ? report.substring(0, detailed) : report;
        var lines = kept.strip().lines().toList();
        if (lines.size() > 60) {
            var head = new ArrayList<>(lines.subList(0, 60));
            head.add("... (" + (lines.size() - 60) + " more lines)");
            lines = head;
        }
        String text = String.join("\n", lines);
        return text.length() > 6_000 ? text.substring(0, 6_000) + "\n..." : text;
    }

    @Test
    @Order(30)
    @Check(id = "deque-stress", points = 4, section = NB + "#work-stealing-deque", timeoutSeconds = 30,
            hint = "With real threads (one owner pushing and popping, two thieves stealing, 100,000 tasks, the deque "
                    + "growing while thieves read it) every task must come out exactly once, and each thief must see "
                    + "tasks in the order they were pushed. Check what a thief reads while the owner grows the array.")
    void dequeStress() throws Exception {
        WorkStealingDeque<Integer> d = factory.createDeque();
        d.push(-1);
        same("pop() of the only task", -1, d.pop()); // unfinished deque: fail here, not in a thread
        int n = 100_000;
        var taken = new AtomicIntegerArray(n);
        var ownerDone = new CountDownLatch(1);
        var problems = new CopyOnWriteArrayList<String>();
        Runnable owner = () -> {
            try {
                for (int i = 0; i < n; i++) {
                    d.push(i);
                    if (i % 3 == 2) {
                        take(d.pop(), taken, n, problems, "pop");
                    }
                }
                for (Integer v; (v = d.pop()) != null; ) {
                    take(v, taken, n, problems, "pop");
                }
            } catch (Throwable t) {
                problems.add("the owner's push/pop threw " + t);
            } finally {
                ownerDone.countDown();
            }
        };
        Runnable thief = () -> {
            int last = -1;
            try {
                while (true) {
                    boolean done = ownerDone.getCount() == 0;
                    Integer v = d.steal();
                    if (v == null) {
                        if (done) {
                            return;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    take(v, taken, n, problems, "steal");
                    if (v <= last && problems.size() < 5) {
                        problems.add("a thief stole " + v + " after " + last + ": steal must take the oldest task, "
                                + "so one thief sees tasks in push order");
                    }
                    last = v;
                }
            } catch (Throwable t) {
                problems.add("steal() threw " + t);
            }
        };
        var threads = List.of(new Thread(owner, "wdl-owner"), new Thread(thief, "wdl-thief-1"),
                new Thread(thief, "wdl-thief-2"));
        threads.forEach(t -> {
            t.setDaemon(true);
            t.start();
        });
        for (Thread t : threads) {
            t.join(20_000);
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " did not finish within 20 s (stuck in push/pop/steal?); "
                        + "problems so far: " + problems);
            }
        }
        var lost = new ArrayList<Integer>();
        for (int i = 0; i < n && lost.size() < 10; i++) {
            if (taken.get(i) == 0) {
                lost.add(i);
            }
        }
        if (!lost.isEmpty()) {
            problems.add("tasks pushed but never popped or stolen, e.g. " + lost);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("with 1 owner and 2 thieves on 100,000 tasks: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    private static void take(Integer v, AtomicIntegerArray taken, int n, List<String> problems, String how) {
        if (v == null) {
            return; // pop found nothing: a thief got there first
        }
        if (v < 0 || v >= n) {
            problems.add(how + "() returned " + v + ", which was never pushed");
        } else if (taken.incrementAndGet(v) == 2 && problems.size() < 5) {
            problems.add("task " + v + " came out twice (the second time from " + how + "())");
        }
    }

    // =============================================================== part 2: aging priority queue

    @Test
    @Order(40)
    @Check(id = "priority-order", points = 5, section = NB + "#aging",
            hint = "Higher priority first; equal priorities in the order offered (FIFO); poll() on an empty queue "
                    + "returns null; priorities outside 0..1000 throw IllegalArgumentException and a null item "
                    + "NullPointerException.")
    void priorityOrder() {
        AgingPriorityQueue<String> q = factory.createPriorityQueue(new AgingPolicy(1_000_000));
        same("poll() on a new queue", null, q.poll());
        q.offer("a(p1)", 1);
        q.offer("b(p5)", 5);
        q.offer("c(p3)", 3);
        q.offer("d(p5)", 5);
        q.offer("e(p1)", 1);
        same("size() after 5 offers", 5, q.size());
        var order = new ArrayList<String>();
        for (String s; (s = q.poll()) != null; ) {
            order.add(s);
        }
        var expected = List.of("b(p5)", "d(p5)", "c(p3)", "a(p1)", "e(p1)");
        if (!order.equals(expected)) {
            throw new AssertionError("offered a(p1), b(p5), c(p3), d(p5), e(p1) with aging too slow to matter; "
                    + "polled " + order + ", expected " + expected);
        }
        same("size() once drained", 0, q.size());
        for (int bad : new int[] {-1, AgingPriorityQueue.MAX_PRIORITY + 1}) {
            try {
                q.offer("x", bad);
                throw new AssertionError("offer(item, " + bad + ") was accepted; expected IllegalArgumentException "
                        + "(priorities are 0..1000)");
            } catch (IllegalArgumentException expectedFailure) {
                // as documented
            }
        }
        try {
            q.offer(null, 1);
            throw new AssertionError("offer(null, 1) was accepted; expected NullPointerException");
        } catch (NullPointerException expectedFailure) {
            // as documented
        }
    }

    @Test
    @Order(50)
    @Check(id = "no-starvation", points = 8, section = NB + "#aging",
            hint = "A waiting item gains one level every dispatchesPerLevel dispatches: effective priority = "
                    + "priority + wait / dispatchesPerLevel, ties to the first offered. Then a priority-p item "
                    + "waiting while one priority-P item arrives per dispatch goes out on dispatch (P - p) x "
                    + "dispatchesPerLevel + 1.")
    void noStarvation() {
        int[][] cases = {{4, 5}, {1, 10}, {16, 3}, {7, 1000}}; // {dispatchesPerLevel, high priority}
        var measured = new ArrayList<String>();
        for (int[] c : cases) {
            int k = c[0];
            int high = c[1];
            int bound = high * k + 1;
            AgingPriorityQueue<String> q = factory.createPriorityQueue(new AgingPolicy(k));
            q.offer("low", 0);
            int dispatchedAt = -1;
            for (int dispatch = 1; dispatch <= 3 * bound + 10; dispatch++) {
                q.offer("high-" + dispatch, high);
                if ("low".equals(q.poll())) {
                    dispatchedAt = dispatch;
                    break;
                }
            }
            if (dispatchedAt < 0 || dispatchedAt > bound) {
                throw new AssertionError("aging of 1 level per " + k + " dispatches: a priority-0 item "
                        + (dispatchedAt < 0 ? "was still waiting after " + (3 * bound + 10) + " dispatches"
                        : "went out only on dispatch " + dispatchedAt)
                        + " while one priority-" + high + " item arrived before every dispatch; expected it by "
                        + "dispatch " + bound + " = (" + high + " - 0) x " + k + " + 1 (starvation)");
            }
            measured.add("k=" + k + ", P=" + high + ": dispatch " + dispatchedAt + " (bound " + bound + ")");
        }
        Report.note("low-priority item dispatched at", String.join("; ", measured));
    }

    // =============================================================== part 3: retry policy

    /** The largest double below 1: the random source's maximum, so delays sit at their ceiling. */
    static final double ALMOST_ONE = Math.nextDown(1.0);

    @Test
    @Order(60)
    @Check(id = "backoff-exponential-capped", points = 6, section = NB + "#backoff",
            hint = "Before retry n (n = failedAttempts - 1) the ceiling is min(cap, base x 2^n): it doubles each "
                    + "time until it reaches the cap, and must not overflow for large n (compare against cap >> n, "
                    + "or use Backoff.ceiling). With the random source at its maximum the delay sits just under the "
                    + "ceiling: delay = u x ceiling.")
    void backoffExponentialCapped() {
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 10_000);
        RetryPolicy policy = factory.createRetryPolicy(backoff, () -> ALMOST_ONE);
        int[] failures = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 40, 63, 64, 65, 100, 1000, 9999};
        var observed = new ArrayList<String>();
        for (int k : failures) {
            RetryDecision decision = policy.onFailure(k);
            long ceiling = backoff.ceiling(k - 1).toNanos();
            if (!(decision instanceof RetryDecision.Retry retry)) {
                throw new AssertionError("after " + k + " failed attempts the policy returned " + decision
                        + "; with maxAttempts = 10000 it must still retry");
            }
            long delay = retry.delay().toNanos();
            observed.add(k + ": " + millis(delay));
            if (delay > ceiling || delay < ceiling - 1_000) {
                throw new AssertionError("after " + k + " failed attempts (base 100 ms, cap 10 s, random source "
                        + "returning 0.99999...) the delay was " + millis(delay) + ", expected just under the ceiling "
                        + "min(cap, base x 2^" + (k - 1) + ") = " + millis(ceiling) + ". Delays so far: " + observed);
            }
        }
        Report.note("delays at the ceiling (failures: delay)", String.join(", ", observed.subList(0, 8)) + ", ...");
    }

    @Test
    @Order(70)
    @Check(id = "backoff-full-jitter", points = 6, section = NB + "#jitter",
            hint = "Full jitter: delay = u x ceiling with u = random.nextDouble(), drawn once per retry, so delays "
                    + "spread over all of [0, ceiling). Not all equal (no jitter), not centred on the ceiling "
                    + "(symmetric jitter goes above it and can go negative), and from the injected source only.")
    void backoffFullJitter() {
        long seed = System.nanoTime() ^ 0x5DEECE66DL;
        var rng = new SplittableRandom(seed);
        var draws = new AtomicInteger();
        var backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), 10_000);
        RetryPolicy policy = factory.createRetryPolicy(backoff, () -> {
            draws.incrementAndGet();
            return rng.nextDouble();
        });
        // Levels below the cap (ceilings 100 ms, 800 ms, 6.4 s), 200 decisions each. For a correct policy u is
        // uniform on [0, 1) and delay/ceiling = u, so per level:
        //   P(min >= 0.1) = P(max <= 0.9) = 0.9^200 = 7.1e-10;
        //   mean of 200 uniforms has sd sqrt(1/12/200) = 0.0204, so P(|mean - 0.5| > 0.1) = P(|z| > 4.90) = 9.6e-7.
        // Three levels: a correct policy fails this check with probability about 2.9e-6 (< 1 in 10,000).
        int perLevel = 200;
        var summary = new ArrayList<String>();
        for (int k : new int[] {1, 4, 7}) {
            long ceiling = backoff.ceiling(k - 1).toNanos();
            double[] share = new double[perLevel];
            int drawsBefore = draws.get();
            for (int i = 0; i < perLevel; i++) {
                RetryDecision decision = policy.onFailure(k);
                if (!(decision instanceof RetryDecision.Retry retry)) {
                    throw new AssertionError("after " + k + " failed attempts the policy returned " + decision
                            + "; with maxAttempts = 10000 it must still retry");
                }
                long delay = retry.delay().toNanos();
                if (delay < 0 || delay > ceiling) {
                    throw new AssertionError("after " + k + " failed attempts the delay was " + millis(delay)
                            + ", outside [0, " + millis(ceiling) + "] = [0, min(cap, base x 2^" + (k - 1) + ")]"
                            + " (symmetric jitter around the ceiling does this) [seed " + seed + "]");
                }
                share[i] = (double) delay / ceiling;
            }
            int used = draws.get() - drawsBefore;
            if (used != perLevel) {
                throw new AssertionError(perLevel + " retries drew " + used + " values from the injected random "
                        + "source; expected exactly one per retry (take u from the source you were given, "
                        + "nowhere else)");
            }
            var stats = Arrays.stream(share).summaryStatistics();
            String seen = String.format(java.util.Locale.ROOT, "ceiling %s: min %.3f, mean %.3f, max %.3f of the "
                    + "ceiling", millis(ceiling), stats.getMin(), stats.getAverage(), stats.getMax());
            summary.add(seen);
            if (stats.getMin() >= 0.1 || stats.getMax() <= 0.9 || Math.abs(stats.getAverage() - 0.5) > 0.1) {
                throw new AssertionError(perLevel + " delays after " + k + " failed attempts: " + seen + "; full "
                        + "jitter spreads them uniformly over [0, ceiling): min below 0.1, max above 0.9, mean "
                        + "0.4..0.6 of the ceiling" + (stats.getMin() == stats.getMax() ? " (all equal: no jitter)"
                        : "") + " [seed " + seed + "]");
            }
        }
        Report.note("jitter spread", String.join("; ", summary));
    }

    @Test
    @Order(80)
    @Check(id = "retry-limit", points = 4, section = NB + "#retries",
            hint = "maxAttempts counts every attempt, the first included: with maxAttempts = 4, failures 1, 2 and 3 "
                    + "get a Retry and failure 4 gets GIVE_UP (and so does anything later); maxAttempts = 1 never "
                    + "retries.")
    void retryLimit() {
        RetryPolicy four = factory.createRetryPolicy(
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 4), () -> 0.5);
        var decisions = new ArrayList<String>();
        for (int k = 1; k <= 5; k++) {
            RetryDecision d = four.onFailure(k);
            decisions.add(k + ": " + (d instanceof RetryDecision.Retry ? "Retry" : "GiveUp"));
            boolean shouldRetry = k < 4;
            if ((d instanceof RetryDecision.Retry) != shouldRetry) {
                throw new AssertionError("maxAttempts = 4: decisions after failures " + decisions + "; expected "
                        + "Retry after failures 1-3 and GiveUp from failure 4 on");
            }
        }
        RetryPolicy once = factory.createRetryPolicy(
                new Backoff(Duration.ofMillis(10), Duration.ofSeconds(1), 1), () -> 0.5);
        RetryDecision d = once.onFailure(1);
        if (!(d instanceof RetryDecision.GiveUp)) {
            throw new AssertionError("maxAttempts = 1: after the first failure the policy returned " + d
                    + "; expected GiveUp (one attempt in total)");
        }
    }

    // =============================================================== part 4: the pool

    @Test
    @Order(100)
    @Check(id = "every-task-once", points = 10, section = NB + "#exactly-once", timeoutSeconds = 40,
            hint = "Every submitted or spawned task must run exactly once: a task taken by two workers (a steal "
                    + "that does not remove it, a check-then-act race between two queues) runs twice; one that is "
                    + "put nowhere (dropped while a worker goes idle) never runs.")
    void everyTaskOnce() throws Exception {
        int workers = 4;
        int submitters = 4;
        int perSubmitter = 1_500;
        int children = 2;
        int stealPhase = 2 * workers;
        int total = stealPhase + submitters * perSubmitter * (1 + children);
        var runs = new AtomicIntegerArray(total);
        var done = new CountDownLatch(total);
        var ids = new AtomicInteger(stealPhase);
        try (var f = PoolFixture.simple(factory, "once", workers)) {
            // Phase 1: one task spawns several, then waits (at most 2 s; only the chance to catch a double run
            // depends on it, never the verdict) until idle workers have stolen some.
            var stolen = new AtomicInteger();
            var rootWorker = new AtomicInteger(-1);
            var rootDone = new CountDownLatch(1);
            f.pool.submit(ctx -> {
                rootWorker.set(ctx.workerIndex());
                for (int i = 0; i < stealPhase; i++) {
                    int id = i;
                    ctx.spawn(c -> {
                        if (c.workerIndex() != rootWorker.get()) {
                            stolen.incrementAndGet();
                        }
                        runs.incrementAndGet(id);
                        done.countDown();
                    });
                }
                Await.within(2_000, () -> stolen.get() >= workers - 1);
                rootDone.countDown();
            });
            Await.until(() -> rootDone.getCount() == 0, () -> "the first submitted task to run");
            // Phase 2: four threads submit at once; every task spawns two more.
            var start = new CountDownLatch(1);
            var errors = new CopyOnWriteArrayList<Throwable>();
            var threads = new ArrayList<Thread>();
            for (int s = 0; s < submitters; s++) {
                var t = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < perSubmitter; i++) {
                            int id = ids.getAndAdd(1 + children);
                            f.pool.submit(ctx -> {
                                for (int c = 1; c <= children; c++) {
                                    int child = id + c;
                                    ctx.spawn(x -> {
                                        runs.incrementAndGet(child);
                                        done.countDown();
                                    });
                                }
                                runs.incrementAndGet(id);
                                done.countDown();
                            }, i % 3);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "wdl-submitter-" + s);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            start.countDown();
            for (Thread t : threads) {
                t.join(20_000);
            }
            if (!errors.isEmpty()) {
                throw new AssertionError("submit() threw while 4 threads submitted at once: " + errors.get(0),
                        errors.get(0));
            }
            boolean all = done.await(20, TimeUnit.SECONDS);
            // When the latch reaches zero every run so far was counted: a task that ran twice already shows 2.
            var twice = new ArrayList<Integer>();
            var never = new ArrayList<Integer>();
            int neverCount = 0;
            for (int i = 0; i < total; i++) {
                int r = runs.get(i);
                if (r > 1 && twice.size() < 10) {
                    twice.add(i);
                }
                if (r == 0) {
                    neverCount++;
                    if (never.size() < 10) {
                        never.add(i);
                    }
                }
            }
            Report.measurement("tasks", total);
            Report.measurement("stolen in the spawn phase", stolen.get());
            if (!twice.isEmpty()) {
                throw new AssertionError("of " + total + " tasks, some ran more than once without failing, e.g. ids "
                        + twice + " (ran " + runs.get(twice.get(0)) + " times); expected exactly once");
            }
            if (!all || neverCount > 0) {
                throw new AssertionError(neverCount + " of " + total + " tasks never ran within the time limit, e.g. ids " + never
                        + (never.stream().anyMatch(i -> i < stealPhase) ? " (spawned while other workers were idle)"
                        : "") + "; expected every accepted task to run");
            }
            if (!f.deadLetters.isEmpty()) {
                throw new AssertionError("no task failed, yet the dead-letter handler received "
                        + f.deadLetters.size() + " letter(s), e.g. " + f.deadLetters.get(0));
            }
        }
    }

    @Test
    @Order(110)
    @Check(id = "retry-backoff", timeoutSeconds = 30, points = 8, section = NB + "#retries",
            hint = "After a failed attempt k ask retryPolicy.onFailure(k); on Retry(d) call clock.schedule(d, ...) "
                    + "and put the task back into the queue only when that fires, as attempt k + 1 "
                    + "(TaskContext.attempt()). Never sleep on a worker: it must run other tasks meanwhile.")
    void retryBackoff() throws Exception {
        try (var f = new PoolFixture(factory, "retry", 1, 5, Duration.ofMillis(100), 16)) {
            var attempts = new CopyOnWriteArrayList<Integer>();
            WorkTask flaky = ctx -> {
                attempts.add(ctx.attempt());
                if (attempts.size() <= 2) {
                    throw new IllegalStateException("planned failure #" + attempts.size());
                }
            };
            f.pool.submit(flaky);
            Await.until(() -> f.clock.pendingTasks() >= 1 || attempts.size() >= 2,
                    () -> "the task's first attempt to fail and its retry to be scheduled with clock.schedule; "
                            + "attempts seen: " + attempts + ", retry policy called with " + f.policyCalls);
            if (attempts.size() >= 2) {
                throw new AssertionError("the task ran again (attempts " + attempts + ") while the virtual clock stood "
                        + "still: a retry must wait for its backoff delay via clock.schedule");
            }
            same("retry policy calls after the first failure", List.of(1), List.copyOf(f.policyCalls));
            var other = new CountDownLatch(1);
            f.pool.submit(ctx -> other.countDown());
            Await.until(() -> other.getCount() == 0, () -> "another task to run on the single worker while the "
                    + "first one waits 100 ms (virtual) for its retry: a worker must not wait through a backoff");

            f.clock.advance(Duration.ofMillis(99));
            if (f.clock.pendingTasks() == 0) {
                throw new AssertionError("the retry came due after 99 ms of virtual time, but the policy asked for "
                        + "Retry(100 ms)");
            }
            f.clock.advance(Duration.ofMillis(1));
            Await.until(() -> attempts.size() >= 2 && f.clock.pendingTasks() >= 1 && f.policyCalls.size() >= 2,
                    () -> "100 ms (virtual) after the first failure: the second attempt to run, fail and be "
                            + "scheduled again; attempts seen: " + attempts + ", policy calls " + f.policyCalls
                            + ", timers pending " + f.clock.pendingTasks());
            same("retry policy calls after two failures", List.of(1, 2), List.copyOf(f.policyCalls));
            f.clock.advance(Duration.ofMillis(199));
            if (attempts.size() > 2) {
                throw new AssertionError("the third attempt ran after 199 ms (virtual) but the policy asked for "
                        + "Retry(200 ms)");
            }
            f.clock.advance(Duration.ofMillis(1));
            Await.until(() -> attempts.size() >= 3, () -> "the third attempt, 200 ms (virtual) after the second "
                    + "failure; attempts seen: " + attempts);
            same("TaskContext.attempt() seen by the three attempts", List.of(1, 2, 3), List.copyOf(attempts));
            same("dead letters for a task that finally succeeded", List.of(), List.copyOf(f.deadLetters));
            Report.note("retry delays on the virtual clock", "100 ms, 200 ms (as the policy asked)");
        }
    }

    /** An {@link Error} thrown by a task: in a naive pool it kills the worker thread. */
    static final class WorkerDeath extends Error {
        WorkerDeath(String message) {
            super(message);
        }
    }

    @Test
    @Order(120)
    @Check(id = "dead-letter", timeoutSeconds = 30, points = 6, section = NB + "#dead-letters",
            hint = "When the policy says GIVE_UP, call deadLetterHandler.accept(new DeadLetter(task, attempts, "
                    + "lastFailure)) once, with the task object itself, and stop retrying. Catch Throwable, not only "
                    + "Exception: a task that throws an Error must not kill its worker (or replace the worker).")
    void deadLetter() throws Exception {
        int workers = 2;
        try (var f = new PoolFixture(factory, "dead", workers, 3, Duration.ofMillis(10), 16)) {
            var runsA = new AtomicInteger();
            var runsB = new AtomicInteger();
            var lastA = new AtomicReference<Throwable>();
            var lastB = new AtomicReference<Throwable>();
            WorkTask a = ctx -> {
                var e = new IllegalStateException("A fails, attempt " + runsA.incrementAndGet());
                lastA.set(e);
                throw e;
            };
            WorkTask b = ctx -> {
                var e = new WorkerDeath("B throws an Error, attempt " + runsB.incrementAndGet());
                lastB.set(e);
                throw e;
            };
            f.pool.submit(a);
            f.pool.submit(b);
            // Stops early once a task ran more than 3 times: it cannot get better.
            f.driveClockUntil(Duration.ofMillis(10), () -> f.deadLetters.size() >= 2 || runsA.get() > 3
                            || runsB.get() > 3,
                    () -> "a task that always throws an exception (A) and one that always throws an Error (B) to reach the "
                            + "dead-letter handler after 3 attempts each (maxAttempts 3); A ran " + runsA + ", B ran "
                            + runsB + " times, letters so far " + f.deadLetters);
            f.clock.advance(Duration.ofSeconds(1)); // any retry still (wrongly) pending would run now
            Await.within(50, () -> false);          // and get a moment to show up in the counts
            same("attempts of A (always throws IllegalStateException, maxAttempts 3)", 3, runsA.get());
            same("attempts of B (always throws an Error, maxAttempts 3)", 3, runsB.get());
            same("dead letters", 2, f.deadLetters.size());
            Map<WorkTask, DeadLetter> byTask = new IdentityHashMap<>();
            for (DeadLetter l : f.deadLetters) {
                byTask.put(l.task(), l);
            }
            for (var t : List.of(Map.entry(a, lastA), Map.entry(b, lastB))) {
                DeadLetter l = byTask.get(t.getKey());
                String name = t.getKey() == a ? "A" : "B";
                if (l == null) {
                    throw new AssertionError("no dead letter carries task " + name + " itself; letters: "
                            + f.deadLetters + " (pass the WorkTask object you were given, not a wrapper)");
                }
                same("DeadLetter.attempts() for " + name, 3, l.attempts());
                if (l.lastFailure() != t.getValue().get()) {
                    throw new AssertionError("DeadLetter.lastFailure() for " + name + " was " + l.lastFailure()
                            + "; expected what the last attempt threw: " + t.getValue().get());
                }
            }
            var sorted = new ArrayList<>(f.policyCalls);
            sorted.sort(null);
            same("retry policy calls (both tasks)", List.of(1, 1, 2, 2, 3, 3), sorted);
            var barrier = new CyclicBarrier(workers);
            var met = new CountDownLatch(workers);
            for (int i = 0; i < workers; i++) {
                f.pool.submit(ctx -> {
                    barrier.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                    met.countDown();
                });
            }
            if (!met.await(Await.LIMIT_MILLIS + 2_000, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("after tasks threw exceptions and Errors, " + workers + " tasks that need "
                        + "to run at the same time never did: the pool no longer has " + workers + " working "
                        + "workers (" + f.threads.describe() + ")");
            }
            // A dead-lettered task is finished: with nothing else pending, a graceful shutdown must terminate.
            f.pool.shutdown();
            if (!f.pool.awaitTermination(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("after both failing tasks were dead-lettered and the other tasks ran, "
                        + "shutdown() did not lead to termination within " + Await.LIMIT_MILLIS / 1000 + " s: a task "
                        + "handed to the dead-letter handler must count as finished (and shutdown() of a pool with "
                        + "nothing left to do must wake its parked workers) (" + f.threads.describe() + ")");
            }
        }
    }

    @Test
    @Order(130)
    @Check(id = "stealing", timeoutSeconds = 30, points = 8, section = NB + "#stealing",
            hint = "A spawned task goes on the bottom of its worker's own deque; that worker pops the newest "
                    + "(bottom); idle workers must be woken and steal the OLDEST (top). Thieves that take from the "
                    + "owner's end fight the owner for the same tasks.")
    void stealing() throws Exception {
        int workers = 3;
        int spawned = 12;
        try (var f = PoolFixture.simple(factory, "steal", workers)) {
            var owner = new AtomicInteger(-1);
            var starts = new CopyOnWriteArrayList<int[]>(); // {task id, worker}
            var gate = new CountDownLatch(1);
            var done = new CountDownLatch(spawned);
            var rootFailure = new AtomicReference<String>();
            // The other workers first run blockers, so all 12 tasks are in the owner's deque before anyone can
            // steal: a thief that arrived after the first spawn would find one task, the oldest and the newest at
            // once, and taking the wrong end would go unseen.
            var blockersRunning = new CountDownLatch(workers - 1);
            var releaseBlockers = new CountDownLatch(1);
            for (int i = 0; i < workers - 1; i++) {
                f.pool.submit(ctx -> {
                    blockersRunning.countDown();
                    releaseBlockers.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                });
            }
            f.pool.submit(ctx -> {
                owner.set(ctx.workerIndex());
                if (!blockersRunning.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    rootFailure.set(workers + " tasks submitted to " + workers + " idle workers did not all start "
                            + "within " + Await.LIMIT_MILLIS / 1000 + " s");
                    releaseBlockers.countDown();
                    return;
                }
                for (int i = 0; i < spawned; i++) {
                    int id = i;
                    ctx.spawn(c -> {
                        starts.add(new int[] {id, c.workerIndex()});
                        try {
                            gate.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                        } finally {
                            done.countDown();
                        }
                    });
                }
                releaseBlockers.countDown(); // the other workers go idle now, with all 12 tasks waiting
                if (!Await.within(Await.LIMIT_MILLIS, () -> starts.size() >= workers - 1)) {
                    rootFailure.set("the busy worker spawned " + spawned + " tasks and kept running for " + Await.LIMIT_MILLIS / 1000 + " s, but "
                            + "idle workers started only " + starts.size() + " of them (expected " + (workers - 1)
                            + "): are idle workers woken when a task is spawned, and do they steal?");
                }
            });
            try {
                Await.until(() -> starts.size() >= workers || rootFailure.get() != null,
                        () -> "the spawning worker to pop a task after its own task returned; started: "
                                + describe(starts));
                if (rootFailure.get() != null) {
                    throw new AssertionError(rootFailure.get());
                }
            } finally {
                releaseBlockers.countDown();
                gate.countDown();
            }
            done.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
            var first = starts.subList(0, workers - 1).stream().map(s -> s[0]).sorted().toList();
            var byThieves = starts.subList(0, workers - 1).stream().allMatch(s -> s[1] != owner.get());
            int[] ownerFirst = starts.get(workers - 1);
            Report.note("first tasks started (id@worker)", describe(starts.subList(0, workers)));
            if (!byThieves || !first.equals(List.of(0, 1))) {
                throw new AssertionError("worker " + owner + " spawned tasks 0..11 (0 oldest) and stayed busy; the "
                        + "idle workers started " + describe(starts.subList(0, workers - 1)) + "; expected thieves "
                        + "(other workers) to take the oldest, tasks 0 and 1");
            }
            if (ownerFirst[1] != owner.get() || ownerFirst[0] != spawned - 1) {
                throw new AssertionError("after its task returned, the spawning worker " + owner + " should pop the "
                        + "newest task, 11; next start was task " + ownerFirst[0] + " on worker " + ownerFirst[1]);
            }
        }
    }

    private static String describe(List<int[]> starts) {
        var parts = new ArrayList<String>();
        for (int[] s : starts) {
            parts.add(s[0] + "@w" + s[1]);
        }
        return parts.toString();
    }

    @Test
    @Order(140)
    @Check(id = "load-balance", points = 6, section = NB + "#stealing", timeoutSeconds = 30,
            hint = "One worker spawns all the work (skew); idle workers must steal until the work is shared. Here "
                    + "every group of 4 tasks waits for each other at a barrier, so it only finishes if all 4 workers "
                    + "keep stealing.")
    void loadBalance() throws Exception {
        int workers = 4;
        int rounds = 20;
        int total = workers * rounds;
        try (var f = PoolFixture.simple(factory, "balance", workers)) {
            var perWorker = new AtomicIntegerArray(workers);
            var badIndex = new AtomicInteger(-1);
            var owner = new AtomicInteger(-1);
            var barrier = new CyclicBarrier(workers);
            var done = new CountDownLatch(total);
            var broken = new AtomicInteger();
            f.pool.submit(ctx -> {
                owner.set(ctx.workerIndex());
                for (int i = 0; i < total; i++) {
                    ctx.spawn(c -> {
                        int w = c.workerIndex();
                        if (w < 0 || w >= workers) {
                            badIndex.set(w);
                        } else {
                            perWorker.incrementAndGet(w);
                        }
                        try {
                            barrier.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                        } catch (Exception e) {
                            broken.incrementAndGet();
                        } finally {
                            done.countDown();
                        }
                    });
                }
            });
            boolean finished = done.await(Await.LIMIT_MILLIS * 2, TimeUnit.MILLISECONDS);
            // Every barrier generation needs 4 tasks blocked at once, i.e. one on each of the 4 workers, so a
            // correct pool gives exactly `rounds` tasks to every worker: no randomness, no failure rate.
            int[] counts = new int[workers];
            for (int i = 0; i < workers; i++) {
                counts[i] = perWorker.get(i);
            }
            int stolen = total - (owner.get() >= 0 ? counts[owner.get()] : 0);
            Report.note("tasks per worker", Arrays.toString(counts));
            Report.measurement("tasks stolen from the spawning worker", stolen);
            if (badIndex.get() != -1) {
                throw new AssertionError("TaskContext.workerIndex() returned " + badIndex + "; expected 0.."
                        + (workers - 1));
            }
            if (!finished || broken.get() > 0 || Arrays.stream(counts).anyMatch(c -> c != rounds)) {
                throw new AssertionError("worker " + owner + " spawned " + total + " tasks that meet in groups of "
                        + workers + "; tasks run per worker " + Arrays.toString(counts) + " (" + stolen + " stolen), "
                        + broken + " barrier wait(s) gave up; expected " + rounds + " on every worker: idle "
                        + "workers must keep stealing from the busy one");
            }
        }
    }

    @Test
    @Order(150)
    @Check(id = "pool-priority-aging", timeoutSeconds = 30, points = 4, section = NB + "#aging",
            hint = "Submissions go through an aging priority queue with PoolConfig.aging(): higher priority first, "
                    + "but a waiting task gains a level every dispatchesPerLevel dispatches, so it cannot starve.")
    void poolPriorityAging() throws Exception {
        int k = 3;
        int high = 4;
        int bound = high * k + 1;
        try (var f = new PoolFixture(factory, "aging", 1, 1, Duration.ofMillis(100), k)) {
            var order = new CopyOnWriteArrayList<String>();
            var gate = new CountDownLatch(1);
            var gateStarted = new CountDownLatch(1);
            var lowRan = new CountDownLatch(1);
            f.pool.submit(ctx -> {
                gateStarted.countDown();
                gate.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
            });
            Await.until(() -> gateStarted.getCount() == 0, () -> "the only worker to start the first task");
            f.pool.submit(ctx -> {
                order.add("low");
                lowRan.countDown();
            }, 0);
            f.pool.submit(new WorkTask() {
                @Override
                public void run(TaskContext ctx) {
                    order.add("high");
                    if (lowRan.getCount() > 0 && order.size() < 10 * bound) {
                        f.pool.submit(this, high);
                    }
                }
            }, high);
            gate.countDown();
            Await.until(() -> lowRan.getCount() == 0 || order.size() >= 10 * bound,
                    () -> "the priority-0 task to run; dispatched so far: " + order.size());
            int position = order.indexOf("low") + 1;
            Report.measurement("dispatch of the priority-0 task", position);
            if (position == 1) {
                throw new AssertionError("with one worker, a priority-0 task and a priority-" + high + " task waiting, "
                        + "the priority-0 task ran first: submissions must be dispatched by priority");
            }
            if (position == 0 || position > bound) {
                throw new AssertionError("one worker, aging 1 level per " + k + " dispatches: a priority-0 task "
                        + (position == 0 ? "never ran in " + order.size() + " dispatches" : "ran only on dispatch "
                        + position) + " while each priority-" + high + " task submitted another; expected it by "
                        + "dispatch " + bound + " = (" + high + " - 0) x " + k + " + 1");
            }
        }
    }

    @Test
    @Order(160)
    @Check(id = "no-thundering-herd", points = 8, section = NB + "#thundering-herd", timeoutSeconds = 30,
            hint = "When one task arrives, wake ONE idle worker (Condition.signal / notify / LockSupport.unpark of "
                    + "one thread), not all of them (signalAll / notifyAll): the others would wake, find nothing and "
                    + "go back to sleep. Idle workers must block without a timeout.")
    void noThunderingHerd() throws Exception {
        int workers = 4;
        int tasks = 10;
        try (var f = PoolFixture.simple(factory, "herd", workers)) {
            var warm = new CountDownLatch(2 * workers);
            for (int i = 0; i < 2 * workers; i++) {
                f.pool.submit(ctx -> warm.countDown());
            }
            Await.until(() -> warm.getCount() == 0, () -> "8 warm-up tasks to run");
            String busy = f.threads.awaitIdle(workers, Await.LIMIT_MILLIS);
            if (busy != null) {
                throw new AssertionError("the pool's " + workers + " workers never all sat idle (waiting, with no "
                        + "new waits) while there was no work; busy-waiting or polling? " + busy);
            }
            int[] woke = new int[tasks];
            for (int i = 0; i < tasks; i++) {
                long[] before = f.threads.waitedCounts();
                var ran = new CountDownLatch(1);
                f.pool.submit(ctx -> ran.countDown());
                Await.until(() -> ran.getCount() == 0, () -> "a task submitted to an idle pool to run");
                busy = f.threads.awaitIdle(workers, Await.LIMIT_MILLIS);
                if (busy != null) {
                    throw new AssertionError("after one task ran, the workers did not all go idle again: " + busy);
                }
                long[] after = f.threads.waitedCounts();
                for (int w = 0; w < after.length; w++) {
                    if (w >= before.length || after[w] != before[w]) {
                        woke[i]++;
                    }
                }
            }
            int total = Arrays.stream(woke).sum();
            Report.measurement("idle workers woken per submitted task", total / (double) tasks);
            // A correct pool wakes exactly 1 worker per task here; a signalAll/notifyAll pool wakes all 4. The
            // bar (2 on average) leaves room for an occasional extra wake-up of a pool that hands work on.
            if (total > 2 * tasks) {
                throw new AssertionError(String.format(java.util.Locale.ROOT, "one new task woke on average %.1f of "
                        + "%d idle workers (per task: %s); expected 1 (at most 2 on average): thundering herd",
                        total / (double) tasks, workers, Arrays.toString(woke)));
            }
        }
    }

    @Test
    @Order(170)
    @Check(id = "graceful-shutdown", timeoutSeconds = 30, points = 6, section = NB + "#shutdown",
            hint = "shutdown() rejects new submissions but finishes everything already accepted: queued tasks, tasks "
                    + "spawned by running ones, and retries still waiting on the clock; then every worker thread "
                    + "exits and awaitTermination returns true.")
    void gracefulShutdown() throws Exception {
        int workers = 2;
        try (var f = new PoolFixture(factory, "graceful", workers, 3, Duration.ofMillis(50), 16)) {
            var retried = new AtomicInteger();
            f.pool.submit(ctx -> {
                if (retried.incrementAndGet() == 1) {
                    throw new IllegalStateException("planned failure: retried after 50 ms (virtual)");
                }
            });
            boolean retryWaiting = retryScheduled(f, () -> retried.get() >= 1);
            var blocked = new Blockers(f, workers, 3);
            int queued = 20;
            var runs = new AtomicIntegerArray(queued + blocked.childCount());
            for (int i = 0; i < queued; i++) {
                int id = i;
                f.pool.submit(ctx -> runs.incrementAndGet(id), i % 5);
            }
            blocked.childRuns = (id) -> runs.incrementAndGet(queued + id);
            blocked.spawnChildren();
            if (f.pool.isShutdown() || f.pool.isTerminated()) {
                throw new AssertionError("before shutdown(): isShutdown() = " + f.pool.isShutdown()
                        + ", isTerminated() = " + f.pool.isTerminated() + "; expected both false");
            }
            f.pool.shutdown();
            if (!f.pool.isShutdown()) {
                throw new AssertionError("isShutdown() returned false after shutdown()");
            }
            // The workers are still blocked in running tasks, so the pool cannot have terminated yet.
            if (f.pool.isTerminated() || f.pool.awaitTermination(10, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("isTerminated() or awaitTermination(10 ms) said the pool had terminated while "
                        + workers + " tasks were still running after shutdown(); expected false");
            }
            try {
                f.pool.submit(ctx -> { });
                throw new AssertionError("submit() after shutdown() was accepted; expected RejectedExecutionException");
            } catch (RejectedExecutionException expected) {
                // as documented
            }
            blocked.release();
            Await.until(() -> allAtLeastOnce(runs), () -> "the " + queued + " queued and " + blocked.childCount()
                    + " spawned tasks to run after shutdown(); ran: " + ranCount(runs));
            f.clock.advance(Duration.ofMillis(50));
            Await.until(() -> retried.get() >= 2 || !retryWaiting, () -> "a retry that was waiting on the clock when shutdown() was "
                    + "called to run once its 50 ms (virtual) passed: graceful shutdown finishes it too");
            if (!f.pool.awaitTermination(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("awaitTermination did not return true within " + Await.LIMIT_MILLIS / 1000 + " s after all work was done ("
                        + f.threads.describe() + ")");
            }
            for (Thread t : f.threads.threads()) {
                t.join(5_000);
            }
            var alive = f.threads.threads().stream().filter(Thread::isAlive).map(Thread::getName).toList();
            if (!alive.isEmpty()) {
                throw new AssertionError("after termination these worker threads are still alive: " + alive);
            }
            for (int i = 0; i < runs.length(); i++) {
                if (runs.get(i) != 1) {
                    throw new AssertionError("a task accepted before shutdown() ran " + runs.get(i)
                            + " times; expected exactly once");
                }
            }
            if (retryWaiting) {
                same("runs of the task that was waiting for a retry", 2, retried.get());
            }
            if (!f.pool.isTerminated()) {
                throw new AssertionError("isTerminated() is false although awaitTermination returned true");
            }
        }
        // A pool with nothing to do must terminate on shutdown() too: its parked workers have to be woken.
        try (var idle = PoolFixture.simple(factory, "idle-shutdown", workers)) {
            Await.within(50, () -> false); // give the workers a moment to park
            idle.pool.shutdown();
            if (!idle.pool.awaitTermination(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("shutdown() of a pool that never got a task did not lead to termination "
                        + "within " + Await.LIMIT_MILLIS / 1000 + " s: wake the parked workers so they can exit ("
                        + idle.threads.describe() + ")");
            }
        }
    }

    @Test
    @Order(180)
    @Check(id = "shutdown-now", timeoutSeconds = 30, points = 6, section = NB + "#shutdown",
            hint = "shutdownNow() returns every accepted task that has not started, each once: from the submission "
                    + "queue, from every worker's deque, and retries waiting on the clock (cancel their timers). "
                    + "None of them may run afterwards; running tasks finish; a second call returns an empty list.")
    void shutdownNow() throws Exception {
        int workers = 2;
        try (var f = new PoolFixture(factory, "now", workers, 3, Duration.ofSeconds(1), 16)) {
            var runs = new IdentityHashMap<WorkTask, AtomicInteger>();
            var failing = new AtomicInteger();
            WorkTask waitingForRetry = ctx -> {
                failing.incrementAndGet();
                throw new IllegalStateException("planned failure: retried after 1 s (virtual)");
            };
            f.pool.submit(waitingForRetry);
            boolean retryWaiting = retryScheduled(f, () -> failing.get() >= 1);
            var blocked = new Blockers(f, workers, 3);
            var queued = new ArrayList<WorkTask>();
            for (int i = 0; i < 10; i++) {
                var counter = new AtomicInteger();
                WorkTask t = ctx -> counter.incrementAndGet();
                runs.put(t, counter);
                queued.add(t);
                f.pool.submit(t, i % 4);
            }
            blocked.spawnChildren();
            queued.addAll(blocked.children);
            if (retryWaiting) {
                queued.add(waitingForRetry);
            }
            List<WorkTask> returned = f.pool.shutdownNow();
            blocked.release();
            Map<WorkTask, Integer> seen = new IdentityHashMap<>();
            for (WorkTask t : returned) {
                seen.merge(t, 1, Integer::sum);
            }
            int missing = 0;
            int dup = 0;
            for (WorkTask t : queued) {
                Integer c = seen.remove(t);
                if (c == null) {
                    missing++;
                } else if (c > 1) {
                    dup++;
                }
            }
            String what = "10 queued submissions, " + blocked.childCount() + " tasks spawned by the 2 running tasks"
                    + (retryWaiting ? " and 1 task waiting on the clock for a retry" : "");
            if (missing > 0 || dup > 0 || !seen.isEmpty()) {
                throw new AssertionError("shutdownNow() returned " + returned.size() + " task(s) while " + what
                        + " had not started (" + queued.size() + "): " + missing + " missing, " + dup + " returned "
                        + "twice, " + seen.size() + " that were not waiting");
            }
            try {
                f.pool.submit(ctx -> { });
                throw new AssertionError("submit() after shutdownNow() was accepted; expected "
                        + "RejectedExecutionException");
            } catch (RejectedExecutionException expected) {
                // as documented
            }
            if (!f.pool.awaitTermination(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("awaitTermination did not return true within " + Await.LIMIT_MILLIS / 1000 + " s after shutdownNow() and the "
                        + "running tasks finished (" + f.threads.describe() + ")");
            }
            f.clock.advance(Duration.ofSeconds(5));
            Await.within(50, () -> false);
            int ranAfter = (int) runs.values().stream().filter(c -> c.get() > 0).count()
                    + blocked.childrenRun() + (retryWaiting && failing.get() > 1 ? 1 : 0);
            if (ranAfter > 0) {
                throw new AssertionError(ranAfter + " task(s) that shutdownNow() returned ran anyway; expected none");
            }
            same("tasks returned by a second shutdownNow()", 0, f.pool.shutdownNow().size());
        }
    }

    /**
     * Waits until the failing task has run and every worker is idle again, so the pool has finished handling the
     * failure, and says whether a retry now waits on the clock. Only then do the shutdown checks include "a retry
     * waiting on the clock" in what they expect; a pool that does not wait for retries on the clock loses that in
     * retry-backoff, not here.
     */
    private static boolean retryScheduled(PoolFixture f, java.util.function.BooleanSupplier failedOnce)
            throws InterruptedException {
        Await.until(failedOnce, () -> "a submitted task to run");
        String busy = f.threads.awaitIdle(f.workers, Await.LIMIT_MILLIS);
        if (busy != null) {
            throw new AssertionError("after one task failed, the workers did not go idle: " + busy);
        }
        return f.clock.pendingTasks() == 1;
    }

    /**
     * Occupies every worker with a task that blocks on a gate; once all are blocked, each spawns children onto its
     * own deque (nobody is idle to steal them).
     */
    private static final class Blockers {
        final List<WorkTask> children = new CopyOnWriteArrayList<>();
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch spawnNow = new CountDownLatch(1);
        final CountDownLatch spawned;
        final int perBlocker;
        final int workers;
        final AtomicInteger childRunCount = new AtomicInteger();
        volatile java.util.function.IntConsumer childRuns = id -> { };

        Blockers(PoolFixture f, int workers, int perBlocker) throws InterruptedException {
            this.workers = workers;
            this.perBlocker = perBlocker;
            this.spawned = new CountDownLatch(workers);
            var started = new CountDownLatch(workers);
            var ids = new AtomicInteger();
            for (int w = 0; w < workers; w++) {
                f.pool.submit(ctx -> {
                    started.countDown();
                    spawnNow.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                    for (int c = 0; c < perBlocker; c++) {
                        int id = ids.getAndIncrement();
                        WorkTask child = x -> {
                            childRunCount.incrementAndGet();
                            childRuns.accept(id);
                        };
                        children.add(child);
                        ctx.spawn(child);
                    }
                    spawned.countDown();
                    gate.await(Await.LIMIT_MILLIS, TimeUnit.MILLISECONDS);
                }, AgingPriorityQueue.MAX_PRIORITY);
            }
            Await.until(() -> started.getCount() == 0, () -> "all " + workers + " workers to start a blocking task "
                    + "(started: " + (workers - started.getCount()) + ")");
        }

        void spawnChildren() throws InterruptedException {
            spawnNow.countDown();
            Await.until(() -> spawned.getCount() == 0, () -> "the blocked tasks to spawn their children");
        }

        int childCount() {
            return workers * perBlocker;
        }

        int childrenRun() {
            return childRunCount.get();
        }

        void release() {
            gate.countDown();
        }
    }

    private static boolean allAtLeastOnce(AtomicIntegerArray runs) {
        for (int i = 0; i < runs.length(); i++) {
            if (runs.get(i) == 0) {
                return false;
            }
        }
        return true;
    }

    private static int ranCount(AtomicIntegerArray runs) {
        int n = 0;
        for (int i = 0; i < runs.length(); i++) {
            n += runs.get(i) > 0 ? 1 : 0;
        }
        return n;
    }

    @Test
    @Order(190)
    @Check(id = "throughput", points = 5, section = NB + "#throughput", timeoutSeconds = 60,
            requires = {"every-task-once"},
            hint = "Skewed fork-join work: one task spawns 40,000 small ones on its own deque. Keep the owner's "
                    + "push/pop cheap (no lock on the fast path), don't wake a worker when none is idle, and let "
                    + "thieves take work without contending with the owner.")
    void throughput() throws Exception {
        Throughput.compare(factory);
    }

    // =============================================================== helpers

    static void same(String what, Object expected, Object observed) {
        if (!java.util.Objects.equals(expected, observed)) {
            throw new AssertionError(what + ": observed " + observed + ", expected " + expected);
        }
    }

    static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
