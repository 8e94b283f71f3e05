package org.workdistlab.grader.suites.workqueue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.workdistlab.exercises.time.Clock;
import org.workdistlab.exercises.workqueue.AgingPolicy;
import org.workdistlab.exercises.workqueue.AgingPriorityQueue;
import org.workdistlab.exercises.workqueue.Backoff;
import org.workdistlab.exercises.workqueue.DeadLetter;
import org.workdistlab.exercises.workqueue.PoolConfig;
import org.workdistlab.exercises.workqueue.RandomSource;
import org.workdistlab.exercises.workqueue.RetryDecision;
import org.workdistlab.exercises.workqueue.RetryPolicy;
import org.workdistlab.exercises.workqueue.TaskContext;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.exercises.workqueue.WorkTask;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;
import org.workdistlab.exercises.workqueue.WorkerPool;

/**
 * A correct solution written differently from the reference: locks everywhere. A synchronized deque, an aging
 * queue that scans its list on every poll, a doubling loop for the backoff ceiling, and a pool whose idle workers
 * wait on their own {@link Condition} of one pool lock. Must get full marks (throughput: at least partial).
 */
public final class LockingWorkQueue implements WorkQueueFactory {

    @Override
    public <T> WorkStealingDeque<T> createDeque() {
        return new LockedDeque<>();
    }

    @Override
    public <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy) {
        return new ScanningAgingQueue<>(policy.dispatchesPerLevel());
    }

    @Override
    public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
        return failed -> {
            if (failed < 1) {
                throw new IllegalArgumentException("failed attempts start at 1");
            }
            if (failed >= backoff.maxAttempts()) {
                return RetryDecision.GIVE_UP;
            }
            long cap = backoff.cap().toNanos();
            long ceiling = backoff.base().toNanos();
            for (int i = 0; i < failed - 1 && ceiling < cap; i++) {
                ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
            }
            ceiling = Math.min(ceiling, cap);
            return new RetryDecision.Retry(Duration.ofNanos((long) (random.nextDouble() * ceiling)));
        };
    }

    @Override
    public WorkerPool createPool(PoolConfig config) {
        return new Pool(config);
    }

    /** O(n) poll: effective priority compared as priority * k + wait (the same order as priority + wait / k). */
    static final class ScanningAgingQueue<T> implements AgingPriorityQueue<T> {
        private record Entry<T>(T item, long priority, long offeredAt) {
        }

        private final long k;
        private final ReentrantLock lock = new ReentrantLock();
        private final List<Entry<T>> entries = new ArrayList<>(); // in offer order
        private long dispatches;

        ScanningAgingQueue(int k) {
            this.k = k;
        }

        @Override
        public void offer(T item, int priority) {
            Objects.requireNonNull(item, "item");
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority out of range: " + priority);
            }
            lock.lock();
            try {
                entries.add(new Entry<>(item, priority, dispatches));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public T poll() {
            lock.lock();
            try {
                int best = -1;
                long bestScore = Long.MIN_VALUE;
                for (int i = 0; i < entries.size(); i++) {
                    var e = entries.get(i);
                    long score = e.priority * k + (dispatches - e.offeredAt);
                    if (score > bestScore) { // strictly greater: the earlier offer wins ties
                        best = i;
                        bestScore = score;
                    }
                }
                if (best < 0) {
                    return null;
                }
                dispatches++;
                return entries.remove(best).item;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int size() {
            lock.lock();
            try {
                return entries.size();
            } finally {
                lock.unlock();
            }
        }
    }

    static final class Pool implements WorkerPool {
        private static final class Job {
            final WorkTask task;
            final int priority;
            int attempt = 1;
            Clock.Cancellable timer;

            Job(WorkTask task, int priority) {
                this.task = task;
                this.priority = priority;
            }
        }

        private final PoolConfig config;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition terminatedCondition = lock.newCondition();
        private final Worker[] workers;
        private final ScanningAgingQueue<Job> submissions;
        // guarded by lock
        private final ArrayDeque<Worker> sleepers = new ArrayDeque<>();
        // guarded by lock
        private final Set<Job> waitingRetries = new HashSet<>();
        // guarded by lock
        private int pending;
        // guarded by lock
        private int live;
        private volatile int sleeperCount;
        private volatile boolean shutdown;
        private volatile boolean stopped;

        Pool(PoolConfig config) {
            this.config = config;
            this.submissions = new ScanningAgingQueue<>(config.aging().dispatchesPerLevel());
            this.workers = new Worker[config.workers()];
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(i);
            }
            live = workers.length;
            for (Worker w : workers) {
                w.thread = config.threadFactory().newThread(w);
            }
            for (Worker w : workers) {
                w.thread.start();
            }
        }

        @Override
        public void submit(WorkTask task, int priority) {
            Objects.requireNonNull(task, "task");
            if (priority < AgingPriorityQueue.MIN_PRIORITY || priority > AgingPriorityQueue.MAX_PRIORITY) {
                throw new IllegalArgumentException("priority out of range: " + priority);
            }
            lock.lock();
            try {
                if (shutdown) {
                    throw new RejectedExecutionException("shut down");
                }
                pending++;
                submissions.offer(new Job(task, priority), priority);
                wakeOneLocked();
            } finally {
                lock.unlock();
            }
        }

        private void wakeOne() {
            if (sleeperCount == 0) {
                return;
            }
            lock.lock();
            try {
                wakeOneLocked();
            } finally {
                lock.unlock();
            }
        }

        private void wakeOneLocked() {
            Worker w = sleepers.pollFirst();
            if (w != null) {
                sleeperCount = sleepers.size();
                w.asleep = false;
                w.wake.signal();
            }
        }

        private void wakeAllLocked() {
            for (Worker w; (w = sleepers.pollFirst()) != null; ) {
                w.asleep = false;
                w.wake.signal();
            }
            sleeperCount = 0;
        }

        @Override
        public void shutdown() {
            lock.lock();
            try {
                shutdown = true;
                if (pending == 0) {
                    wakeAllLocked();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public List<WorkTask> shutdownNow() {
            var out = new ArrayList<WorkTask>();
            lock.lock();
            try {
                if (stopped) {
                    return out;
                }
                shutdown = true;
                stopped = true;
                for (Job j; (j = submissions.poll()) != null; ) {
                    out.add(j.task);
                }
                for (Job j : waitingRetries) {
                    j.timer.cancel();
                    out.add(j.task);
                }
                waitingRetries.clear();
                for (Worker w : workers) {
                    for (Job j; (j = w.deque.steal()) != null; ) {
                        out.add(j.task);
                    }
                }
                pending -= out.size();
                wakeAllLocked();
            } finally {
                lock.unlock();
            }
            return out;
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            lock.lock();
            try {
                return live == 0;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            long nanos = unit.toNanos(timeout);
            lock.lock();
            try {
                while (live > 0) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = terminatedCondition.awaitNanos(nanos);
                }
                return true;
            } finally {
                lock.unlock();
            }
        }

        private void done() {
            lock.lock();
            try {
                if (--pending == 0 && shutdown) {
                    wakeAllLocked();
                }
            } finally {
                lock.unlock();
            }
        }

        private void failed(Job job, Throwable failure) {
            RetryDecision decision = stopped ? RetryDecision.GIVE_UP : config.retryPolicy().onFailure(job.attempt);
            if (decision instanceof RetryDecision.Retry retry) {
                lock.lock();
                try {
                    job.attempt++;
                    waitingRetries.add(job);
                    job.timer = config.clock().schedule(retry.delay(), () -> retryDue(job));
                } finally {
                    lock.unlock();
                }
                return;
            }
            deadLetter(job, failure);
        }

        private void retryDue(Job job) {
            boolean lateForStop = false;
            lock.lock();
            try {
                if (!waitingRetries.remove(job)) {
                    return;
                }
                if (stopped) {
                    lateForStop = true;
                } else {
                    submissions.offer(job, job.priority);
                    wakeOneLocked();
                }
            } finally {
                lock.unlock();
            }
            if (lateForStop) {
                deadLetter(job, new RejectedExecutionException("stopped while waiting for a retry"));
            }
        }

        private void deadLetter(Job job, Throwable failure) {
            try {
                config.deadLetterHandler().accept(new DeadLetter(job.task, job.attempt, failure));
            } catch (RuntimeException ignored) {
                // the handler's problem must not become the pool's
            }
            done();
        }

        private final class Worker implements Runnable, TaskContext {
            final int index;
            final LockedDeque<Job> deque = new LockedDeque<>();
            final Condition wake = lock.newCondition();
            Thread thread;
            boolean asleep; // guarded by lock
            Job current;

            Worker(int index) {
                this.index = index;
            }

            @Override
            public void run() {
                try {
                    while (!stopped) {
                        Job job = deque.pop();
                        if (job == null) {
                            job = submissions.poll();
                        }
                        for (int k = 1; job == null && k < workers.length; k++) {
                            job = workers[(index + k) % workers.length].deque.steal();
                        }
                        if (job != null) {
                            current = job;
                            try {
                                job.task.run(this);
                                done();
                            } catch (Throwable t) {
                                failed(job, t);
                            }
                            continue;
                        }
                        if (!sleep()) {
                            return;
                        }
                    }
                } finally {
                    lock.lock();
                    try {
                        if (--live == 0) {
                            terminatedCondition.signalAll();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            }

            /** Returns false when the worker should leave. */
            private boolean sleep() {
                lock.lock();
                try {
                    if (stopped || (shutdown && pending == 0)) {
                        return false;
                    }
                    asleep = true;
                    sleepers.addFirst(this);
                    sleeperCount = sleepers.size();
                    if (submissions.size() > 0 || anyDequeNonEmpty()) {
                        sleepers.remove(this);
                        sleeperCount = sleepers.size();
                        asleep = false;
                        return true;
                    }
                    while (asleep) {
                        wake.awaitUninterruptibly();
                    }
                    return true;
                } finally {
                    lock.unlock();
                }
            }

            private boolean anyDequeNonEmpty() {
                for (Worker w : workers) {
                    if (w.deque.size() > 0) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public int workerIndex() {
                return index;
            }

            @Override
            public int attempt() {
                return current.attempt;
            }

            @Override
            public void spawn(WorkTask task) {
                Objects.requireNonNull(task, "task");
                lock.lock();
                try {
                    if (stopped) {
                        throw new RejectedExecutionException("stopped");
                    }
                    pending++;
                    deque.push(new Job(task, AgingPriorityQueue.MIN_PRIORITY));
                } finally {
                    lock.unlock();
                }
                wakeOne();
            }
        }
    }
}
