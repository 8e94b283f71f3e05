package org.workdistlab.grader.suites.workqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.PriorityQueue;

import org.workdistlab.exercises.reference.workqueue.ReferenceWorkQueue;
import org.workdistlab.exercises.workqueue.AgingPolicy;
import org.workdistlab.exercises.workqueue.AgingPriorityQueue;
import org.workdistlab.exercises.workqueue.Backoff;
import org.workdistlab.exercises.workqueue.PoolConfig;
import org.workdistlab.exercises.workqueue.RandomSource;
import org.workdistlab.exercises.workqueue.RetryDecision;
import org.workdistlab.exercises.workqueue.RetryPolicy;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;
import org.workdistlab.exercises.workqueue.WorkerPool;

/**
 * The broken catalogue: each class is the reference with exactly one bug, in one part. The grader must take the
 * points of the check(s) aimed at that bug and leave every other check passing ({@link BrokenCatalogueTest}).
 */
public final class BrokenWorkQueues {

    private BrokenWorkQueues() {
    }

    /** The reference for every part not overridden. */
    public abstract static class Delegating implements WorkQueueFactory {
        private final ReferenceWorkQueue reference = new ReferenceWorkQueue();

        @Override
        public <T> WorkStealingDeque<T> createDeque() {
            return reference.createDeque();
        }

        @Override
        public <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy) {
            return reference.createPriorityQueue(policy);
        }

        @Override
        public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
            return reference.createRetryPolicy(backoff, random);
        }

        @Override
        public WorkerPool createPool(PoolConfig config) {
            return reference.createPool(config);
        }
    }

    // ------------------------------------------------------------------ part 1: deques

    /** Thieves take the newest task, from the owner's end (locked, so only the order is wrong). */
    public static final class WrongEndDeque extends Delegating {
        @Override
        public <T> WorkStealingDeque<T> createDeque() {
            return new WorkStealingDeque<T>() {
                private final LockedDeque<T> d = new LockedDeque<>();

                @Override
                public void push(T task) {
                    d.push(task);
                }

                @Override
                public T pop() {
                    return d.pop();
                }

                @Override
                public T steal() {
                    return d.stealNewest();
                }

                @Override
                public int size() {
                    return d.size();
                }
            };
        }
    }

    /** Right ends, no synchronisation at all: correct one call at a time, broken under concurrency. */
    public static final class UnsynchronisedDeque extends Delegating {
        @Override
        public <T> WorkStealingDeque<T> createDeque() {
            return new WorkStealingDeque<T>() {
                private final ArrayList<T> items = new ArrayList<>();

                @Override
                public void push(T task) {
                    if (task == null) {
                        throw new NullPointerException("task");
                    }
                    items.add(task);
                }

                @Override
                public T pop() {
                    return items.isEmpty() ? null : items.remove(items.size() - 1);
                }

                @Override
                public T steal() {
                    return items.isEmpty() ? null : items.remove(0);
                }

                @Override
                public int size() {
                    return items.size();
                }
            };
        }
    }

    /** Chase–Lev whose pop takes the last task without the CAS on top: owner and thief can both get it. */
    public static final class ChaseLevPopWithoutCas extends Delegating {
        @Override
        public <T> WorkStealingDeque<T> createDeque() {
            return new BuggyChaseLev<>(BuggyChaseLev.Bug.POP_LAST_WITHOUT_CAS);
        }
    }

    /** Chase–Lev whose steal returns null when it loses a race, although tasks are left (a spurious "empty"). */
    public static final class ChaseLevStealGivesUp extends Delegating {
        @Override
        public <T> WorkStealingDeque<T> createDeque() {
            return new BuggyChaseLev<>(BuggyChaseLev.Bug.STEAL_GIVES_UP_ON_CONTENTION);
        }
    }

    // ------------------------------------------------------------------ part 2: priority queue

    /** Priorities without aging: low priority starves while high priority keeps coming. */
    public static final class NoAging extends Delegating {
        @Override
        public <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy) {
            return new AgingPriorityQueue<T>() {
                private record E<T>(T item, int priority, long seq) {
                }

                private final PriorityQueue<E<T>> heap = new PriorityQueue<>(
                        Comparator.<E<T>>comparingInt(e -> -e.priority()).thenComparingLong(E::seq));
                private long seq;

                @Override
                public synchronized void offer(T item, int priority) {
                    if (item == null) {
                        throw new NullPointerException("item");
                    }
                    if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                        throw new IllegalArgumentException("priority " + priority);
                    }
                    heap.add(new E<>(item, priority, seq++));
                }

                @Override
                public synchronized T poll() {
                    var e = heap.poll();
                    return e == null ? null : e.item();
                }

                @Override
                public synchronized int size() {
                    return heap.size();
                }
            };
        }
    }

    // ------------------------------------------------------------------ part 3: retry policies

    /** Exponential and capped, but every delay sits at the ceiling: clients that failed together retry together. */
    public static final class NoJitter extends Delegating {
        @Override
        public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
            return k -> k >= backoff.maxAttempts() ? RetryDecision.GIVE_UP
                    : new RetryDecision.Retry(backoff.ceiling(k - 1));
        }
    }

    /** Full jitter over base x 2^n with no cap (saturating instead of overflowing, so only the cap is wrong). */
    public static final class Uncapped extends Delegating {
        @Override
        public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
            return k -> {
                if (k >= backoff.maxAttempts()) {
                    return RetryDecision.GIVE_UP;
                }
                long base = backoff.base().toNanos();
                int n = k - 1;
                long ceiling = n >= 62 || base > (Long.MAX_VALUE >> n) ? Long.MAX_VALUE : base << n;
                return new RetryDecision.Retry(Duration.ofNanos((long) (random.nextDouble() * ceiling)));
            };
        }
    }

    /** The course's original formula: ceiling + uniform(-j, j) with j = 1.5 x ceiling; above the cap, or negative. */
    public static final class SymmetricJitter extends Delegating {
        @Override
        public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
            return k -> {
                if (k >= backoff.maxAttempts()) {
                    return RetryDecision.GIVE_UP;
                }
                long ceiling = backoff.ceiling(k - 1).toNanos();
                double jitter = 1.5 * ceiling;
                return new RetryDecision.Retry(Duration.ofNanos(
                        (long) (ceiling + (2 * random.nextDouble() - 1) * jitter)));
            };
        }
    }

    /** Never gives up. */
    public static final class InfiniteRetries extends Delegating {
        @Override
        public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
            return k -> new RetryDecision.Retry(Duration.ofNanos(
                    (long) (random.nextDouble() * backoff.ceiling(k - 1).toNanos())));
        }
    }

    // ------------------------------------------------------------------ part 4: pools (TogglePool, one bug each)

    abstract static class BuggyPool extends Delegating {
        private final TogglePool.Bug bug;

        BuggyPool(TogglePool.Bug bug) {
            this.bug = bug;
        }

        @Override
        public WorkerPool createPool(PoolConfig config) {
            return new TogglePool(config, bug);
        }
    }

    /** Thieves take the newest task, from the owner's end. */
    public static final class PoolStealsNewest extends BuggyPool {
        public PoolStealsNewest() {
            super(TogglePool.Bug.WRONG_END_STEAL);
        }
    }

    /** Idle workers never steal: spawned work stays with its (busy) owner. */
    public static final class PoolNeverSteals extends BuggyPool {
        public PoolNeverSteals() {
            super(TogglePool.Bug.NO_STEAL);
        }
    }

    /** Every new task wakes every idle worker (signalAll / notifyAll storm). */
    public static final class ThunderingHerd extends BuggyPool {
        public ThunderingHerd() {
            super(TogglePool.Bug.HERD);
        }
    }

    /** A task that throws is forgotten: no retry, no dead letter. */
    public static final class LosesFailedTasks extends BuggyPool {
        public LosesFailedTasks() {
            super(TogglePool.Bug.LOSE_FAILED);
        }
    }

    /** Ignores GIVE_UP and keeps retrying. */
    public static final class IgnoresGiveUp extends BuggyPool {
        public IgnoresGiveUp() {
            super(TogglePool.Bug.IGNORE_GIVE_UP);
        }
    }

    /** Gives up silently: the dead-letter handler is never called. */
    public static final class NoDeadLetter extends BuggyPool {
        public NoDeadLetter() {
            super(TogglePool.Bug.NO_DEAD_LETTER);
        }
    }

    /** Catches Exception only: a task's Error kills its worker, which is not replaced, and the task is lost. */
    public static final class ErrorKillsWorker extends BuggyPool {
        public ErrorKillsWorker() {
            super(TogglePool.Bug.ERROR_KILLS_WORKER);
        }
    }

    /** A spawn "hands off" the task to an idle worker and also keeps it: some tasks run twice. */
    public static final class RunsTwice extends BuggyPool {
        public RunsTwice() {
            super(TogglePool.Bug.DOUBLE_RUN);
        }
    }

    /** shutdown() stops the workers at once: queued work is dropped. */
    public static final class ShutdownDropsQueue extends BuggyPool {
        public ShutdownDropsQueue() {
            super(TogglePool.Bug.DROP_QUEUE_ON_SHUTDOWN);
        }
    }

    /** shutdownNow() drains the queues but returns an empty list. */
    public static final class ShutdownNowReturnsNothing extends BuggyPool {
        public ShutdownNowReturnsNothing() {
            super(TogglePool.Bug.SHUTDOWN_NOW_LOSES);
        }
    }

    /** Submissions in arrival order: priorities (and so aging) ignored by the pool. */
    public static final class PoolIgnoresPriority extends BuggyPool {
        public PoolIgnoresPriority() {
            super(TogglePool.Bug.FIFO_SUBMISSIONS);
        }
    }

    /** Retries at once instead of waiting for the backoff delay on the clock. */
    public static final class RetriesWithoutBackoff extends BuggyPool {
        public RetriesWithoutBackoff() {
            super(TogglePool.Bug.IMMEDIATE_RETRY);
        }
    }

    /** The lock-based copy of the reference design with no bug: must get full marks. */
    public static final class TogglePoolWithoutBugs extends BuggyPool {
        public TogglePoolWithoutBugs() {
            super(TogglePool.Bug.NONE);
        }
    }
}
