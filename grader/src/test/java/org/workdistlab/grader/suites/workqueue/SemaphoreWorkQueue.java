package org.workdistlab.grader.suites.workqueue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

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
 * A second correct solution, different again: a hand-written circular-array deque behind a
 * {@link ReentrantLock}, an aging queue on a {@link TreeMap}, the backoff ceiling in floating point, and a pool
 * whose idle workers park on their own {@link Semaphore} and queue up in a lock-free deque. Full marks expected
 * (throughput: at least partial).
 */
public final class SemaphoreWorkQueue implements WorkQueueFactory {

    @Override
    public <T> WorkStealingDeque<T> createDeque() {
        return new RingDeque<>();
    }

    @Override
    public <T> AgingPriorityQueue<T> createPriorityQueue(AgingPolicy policy) {
        return new TreeAgingQueue<>(policy.dispatchesPerLevel());
    }

    @Override
    public RetryPolicy createRetryPolicy(Backoff backoff, RandomSource random) {
        double base = backoff.base().toNanos();
        double cap = backoff.cap().toNanos();
        return failed -> {
            if (failed >= backoff.maxAttempts()) {
                return RetryDecision.GIVE_UP;
            }
            double ceiling = Math.min(cap, base * Math.pow(2, failed - 1)); // pow overflows to Infinity, min caps it
            return new RetryDecision.Retry(Duration.ofNanos((long) Math.floor(random.nextDouble() * ceiling)));
        };
    }

    @Override
    public WorkerPool createPool(PoolConfig config) {
        return new Pool(config);
    }

    /** Circular array, head = oldest, tail = one past the newest; one lock. */
    static final class RingDeque<T> implements WorkStealingDeque<T> {
        private final ReentrantLock lock = new ReentrantLock();
        private Object[] ring = new Object[8];
        private int head;
        private int count;

        @Override
        public void push(T task) {
            Objects.requireNonNull(task, "task");
            lock.lock();
            try {
                if (count == ring.length) {
                    var bigger = new Object[ring.length * 2];
                    for (int i = 0; i < count; i++) {
                        bigger[i] = ring[(head + i) % ring.length];
                    }
                    ring = bigger;
                    head = 0;
                }
                ring[(head + count) % ring.length] = task;
                count++;
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T pop() {
            lock.lock();
            try {
                if (count == 0) {
                    return null;
                }
                int i = (head + count - 1) % ring.length;
                T t = (T) ring[i];
                ring[i] = null;
                count--;
                return t;
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public T steal() {
            lock.lock();
            try {
                if (count == 0) {
                    return null;
                }
                T t = (T) ring[head];
                ring[head] = null;
                head = (head + 1) % ring.length;
                count--;
                return t;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Keyed by (priority * k - dispatches at offer, offer number), largest key first. */
    static final class TreeAgingQueue<T> implements AgingPriorityQueue<T> {
        private record Key(long score, long seq) implements Comparable<Key> {
            @Override
            public int compareTo(Key o) {
                return score != o.score ? Long.compare(o.score, score) : Long.compare(seq, o.seq);
            }
        }

        private final long k;
        private final TreeMap<Key, T> tree = new TreeMap<>();
        private long dispatches;
        private long seq;

        TreeAgingQueue(int k) {
            this.k = k;
        }

        @Override
        public synchronized void offer(T item, int priority) {
            Objects.requireNonNull(item, "item");
            if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority out of range: " + priority);
            }
            tree.put(new Key(priority * k - dispatches, seq++), item);
        }

        @Override
        public synchronized T poll() {
            var e = tree.pollFirstEntry();
            if (e == null) {
                return null;
            }
            dispatches++;
            return e.getValue();
        }

        @Override
        public synchronized int size() {
            return tree.size();
        }
    }

    static final class Pool implements WorkerPool {
        private static final class Job {
            final WorkTask task;
            final int priority;
            volatile int attempt = 1;
            final AtomicBoolean claimed = new AtomicBoolean(); // timer vs shutdownNow, for a waiting retry

            Job(WorkTask task, int priority) {
                this.task = task;
                this.priority = priority;
            }
        }

        private final PoolConfig config;
        private final Worker[] workers;
        private final TreeAgingQueue<Job> submissions;
        private final ReentrantLock stateLock = new ReentrantLock();
        private volatile int state; // 0 running, 1 shutdown, 2 stopped
        private final AtomicInteger pending = new AtomicInteger();
        private final Map<Job, org.workdistlab.exercises.time.Clock.Cancellable> retries = new ConcurrentHashMap<>();
        private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
        private final CountDownLatch exited;

        Pool(PoolConfig config) {
            this.config = config;
            this.submissions = new TreeAgingQueue<>(config.aging().dispatchesPerLevel());
            this.workers = new Worker[config.workers()];
            this.exited = new CountDownLatch(workers.length);
            for (int i = 0; i < workers.length; i++) {
                workers[i] = new Worker(i);
                workers[i].thread = config.threadFactory().newThread(workers[i]);
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
            stateLock.lock();
            try {
                if (state != 0) {
                    throw new RejectedExecutionException("shut down");
                }
                pending.incrementAndGet();
                submissions.offer(new Job(task, priority), priority);
            } finally {
                stateLock.unlock();
            }
            signal();
        }

        private void signal() {
            Worker w = idle.pollFirst();
            if (w != null) {
                w.permit.release();
            }
        }

        private void signalEveryone() {
            for (Worker w; (w = idle.pollFirst()) != null; ) {
                w.permit.release();
            }
        }

        @Override
        public void shutdown() {
            stateLock.lock();
            try {
                if (state == 0) {
                    state = 1;
                }
            } finally {
                stateLock.unlock();
            }
            if (pending.get() == 0) {
                signalEveryone();
            }
        }

        @Override
        public List<WorkTask> shutdownNow() {
            var out = new ArrayList<WorkTask>();
            stateLock.lock();
            try {
                if (state == 2) {
                    return out;
                }
                state = 2;
                for (Job j; (j = submissions.poll()) != null; ) {
                    out.add(j.task);
                }
            } finally {
                stateLock.unlock();
            }
            for (var e : retries.entrySet()) {
                if (e.getKey().claimed.compareAndSet(false, true)) {
                    e.getValue().cancel();
                    out.add(e.getKey().task);
                }
            }
            retries.clear();
            for (Worker w : workers) {
                for (Job j; (j = w.deque.steal()) != null; ) {
                    out.add(j.task);
                }
            }
            pending.addAndGet(-out.size());
            signalEveryone();
            return out;
        }

        @Override
        public boolean isShutdown() {
            return state != 0;
        }

        @Override
        public boolean isTerminated() {
            return exited.getCount() == 0;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return exited.await(timeout, unit);
        }

        private void complete() {
            if (pending.decrementAndGet() == 0 && state != 0) {
                signalEveryone();
            }
        }

        private void failed(Job job, Throwable failure) {
            RetryDecision d = state == 2 ? RetryDecision.GIVE_UP : config.retryPolicy().onFailure(job.attempt);
            if (d instanceof RetryDecision.Retry r) {
                job.attempt++;
                job.claimed.set(false);
                // Register before scheduling, so a timer that fires at once still finds the entry.
                retries.put(job, () -> false);
                var timer = config.clock().schedule(r.delay(), () -> {
                    if (!job.claimed.compareAndSet(false, true)) {
                        return;
                    }
                    retries.remove(job);
                    stateLock.lock();
                    try {
                        if (state != 2) {
                            submissions.offer(job, job.priority);
                            job.claimed.set(false);
                        }
                    } finally {
                        stateLock.unlock();
                    }
                    if (state == 2 && job.claimed.get()) {
                        letter(job, new RejectedExecutionException("stopped while waiting for a retry"));
                    } else {
                        signal();
                    }
                });
                retries.replace(job, timer);
            } else {
                letter(job, failure);
            }
        }

        private void letter(Job job, Throwable failure) {
            try {
                config.deadLetterHandler().accept(new DeadLetter(job.task, job.attempt, failure));
            } catch (RuntimeException ignored) {
                // not the pool's problem
            }
            complete();
        }

        private final class Worker implements Runnable, TaskContext {
            final int index;
            final RingDeque<Job> deque = new RingDeque<>();
            final Semaphore permit = new Semaphore(0);
            Thread thread;
            Job current;

            Worker(int index) {
                this.index = index;
            }

            private Job next() {
                Job j = deque.pop();
                if (j == null) {
                    j = submissions.poll();
                }
                for (int k = workers.length - 1; j == null && k > 0; k--) {
                    j = workers[(index + k) % workers.length].deque.steal();
                }
                return j;
            }

            private boolean exitNow() {
                return state == 2 || (state == 1 && pending.get() == 0);
            }

            private boolean workVisible() {
                if (submissions.size() > 0) {
                    return true;
                }
                for (Worker w : workers) {
                    if (w.deque.size() > 0) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void run() {
                try {
                    while (state != 2) {
                        Job j = next();
                        if (j != null) {
                            current = j;
                            try {
                                j.task.run(this);
                                complete();
                            } catch (Throwable t) {
                                failed(j, t);
                            }
                            continue;
                        }
                        idle.addFirst(this);
                        if (exitNow() || workVisible()) {
                            if (!idle.remove(this)) {
                                permit.acquireUninterruptibly(); // someone took us off the list: their permit is coming
                            }
                            if (exitNow()) {
                                return;
                            }
                            continue;
                        }
                        permit.acquireUninterruptibly();
                        if (exitNow()) {
                            return;
                        }
                    }
                } finally {
                    exited.countDown();
                }
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
                if (state == 2) {
                    throw new RejectedExecutionException("stopped");
                }
                pending.incrementAndGet();
                var job = new Job(task, AgingPriorityQueue.MIN_PRIORITY);
                deque.push(job);
                if (state == 2 && deque.pop() == job) {
                    pending.decrementAndGet();
                    throw new RejectedExecutionException("stopped");
                }
                signal();
            }
        }
    }
}
