package org.workdistlab.grader.suites.workqueue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.workdistlab.exercises.reference.workqueue.ReferenceAgingQueue;
import org.workdistlab.exercises.time.Clock;
import org.workdistlab.exercises.workqueue.AgingPriorityQueue;
import org.workdistlab.exercises.workqueue.DeadLetter;
import org.workdistlab.exercises.workqueue.PoolConfig;
import org.workdistlab.exercises.workqueue.RetryDecision;
import org.workdistlab.exercises.workqueue.TaskContext;
import org.workdistlab.exercises.workqueue.WorkStealingDeque;
import org.workdistlab.exercises.workqueue.WorkTask;
import org.workdistlab.exercises.workqueue.WorkerPool;

/**
 * A copy of the reference pool's design with a lock-based deque and one switchable bug, for the broken catalogue.
 * With {@link Bug#NONE} it is a correct pool (and graded as such in the tests).
 */
final class TogglePool implements WorkerPool {

    private static final int RUNNING = 0;
    private static final int SHUTDOWN = 1;
    private static final int STOP = 2;

    /** A task plus its bookkeeping; the task object itself is what callers get back. */
    private static final class Job {
        final WorkTask task;
        final int priority;
        int attempt = 1; // written before the job is published, read by the worker that owns it

        Job(WorkTask task, int priority) {
            this.task = task;
            this.priority = priority;
        }
    }

    /** One bug per broken implementation. */
    enum Bug {
        NONE, WRONG_END_STEAL, NO_STEAL, HERD, LOSE_FAILED, IGNORE_GIVE_UP, NO_DEAD_LETTER, ERROR_KILLS_WORKER,
        DOUBLE_RUN, DROP_QUEUE_ON_SHUTDOWN, SHUTDOWN_NOW_LOSES, FIFO_SUBMISSIONS, IMMEDIATE_RETRY
    }

    private final Bug bug;
    private final PoolConfig config;
    private final Clock clock;
    private final Worker[] workers;
    private final AgingPriorityQueue<Job> submissions;
    private final Object submissionLock = new Object();
    private volatile int state = RUNNING;
    private final AtomicLong pending = new AtomicLong();
    /** Retries waiting on the clock; the value is the timer, or null while it is being scheduled. */
    private final Map<Job, Clock.Cancellable> waitingRetries = new ConcurrentHashMap<>();
    private static final Clock.Cancellable SCHEDULING = () -> false;

    private final Object idleLock = new Object();
    // guarded by idleLock
    private final ArrayDeque<Worker> idleWorkers = new ArrayDeque<>();
    /** Size of idleWorkers, readable without the lock. */
    private volatile int idleCount;

    private final AtomicInteger liveWorkers;
    private final CountDownLatch terminated = new CountDownLatch(1);

    TogglePool(PoolConfig config, Bug bug) {
        this.bug = bug;
        this.config = Objects.requireNonNull(config, "config");
        this.clock = config.clock();
        this.submissions = bug == Bug.FIFO_SUBMISSIONS ? new FifoQueue<>() : new ReferenceAgingQueue<>(config.aging());
        this.workers = new Worker[config.workers()];
        this.liveWorkers = new AtomicInteger(workers.length);
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i);
        }
        for (Worker w : workers) {
            w.thread = config.threadFactory().newThread(w);
            if (w.thread == null) {
                throw new IllegalStateException("the thread factory returned null");
            }
        }
        for (Worker w : workers) {
            w.thread.start();
        }
    }

    // ---------------------------------------------------------------- submission

    @Override
    public void submit(WorkTask task, int priority) {
        Objects.requireNonNull(task, "task");
        if (priority < AgingPriorityQueue.MIN_PRIORITY || priority > AgingPriorityQueue.MAX_PRIORITY) {
            throw new IllegalArgumentException("priority must be in [" + AgingPriorityQueue.MIN_PRIORITY + ", "
                    + AgingPriorityQueue.MAX_PRIORITY + "], got " + priority);
        }
        synchronized (submissionLock) {
            if (state != RUNNING) {
                throw new RejectedExecutionException("the pool is shut down");
            }
            pending.incrementAndGet();
            submissions.offer(new Job(task, priority), priority);
        }
        wakeOne();
    }

    private void requeue(Job job) {
        synchronized (submissionLock) {
            // Called with the job just removed from waitingRetries; shutdownNow drains under this lock, so a
            // job arriving after the drain is handed back as a dead letter instead of being lost.
            if (state == STOP) {
                giveUp(job, new RejectedExecutionException("the pool stopped while this task waited for a retry"));
                return;
            }
            submissions.offer(job, job.priority);
        }
        wakeOne();
    }

    // ---------------------------------------------------------------- shutdown

    @Override
    public void shutdown() {
        synchronized (submissionLock) {
            if (state == RUNNING) {
                state = SHUTDOWN;
            }
        }
        if (pending.get() == 0 || bug == Bug.DROP_QUEUE_ON_SHUTDOWN) {
            wakeAll();
        }
    }

    @Override
    public List<WorkTask> shutdownNow() {
        var drained = new ArrayList<WorkTask>();
        synchronized (submissionLock) {
            if (state == STOP) {
                return drained;
            }
            state = STOP;
            for (Job j; (j = submissions.poll()) != null; ) {
                drained.add(j.task);
            }
            for (Job j : waitingRetries.keySet()) {
                Clock.Cancellable timer = waitingRetries.remove(j);
                if (timer != null) {
                    timer.cancel();
                    drained.add(j.task);
                }
            }
        }
        for (Worker w : workers) {
            for (Job j; (j = w.deque.steal()) != null; ) {
                drained.add(j.task);
            }
        }
        pending.addAndGet(-drained.size());
        wakeAll();
        return bug == Bug.SHUTDOWN_NOW_LOSES ? new ArrayList<>() : drained;
    }

    @Override
    public boolean isShutdown() {
        return state != RUNNING;
    }

    @Override
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private void finished(Job job) {
        if (pending.decrementAndGet() == 0 && state != RUNNING) {
            wakeAll();
        }
    }

    // ---------------------------------------------------------------- failures

    private void failed(Job job, Throwable failure) {
        if (bug == Bug.LOSE_FAILED) {
            finished(job);
            return;
        }
        if (state == STOP) {
            giveUp(job, failure);
            return;
        }
        RetryDecision decision;
        try {
            decision = config.retryPolicy().onFailure(job.attempt);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            giveUp(job, e);
            return;
        }
        if (bug == Bug.IGNORE_GIVE_UP && !(decision instanceof RetryDecision.Retry)) {
            decision = new RetryDecision.Retry(Duration.ofMillis(10));
        }
        if (bug == Bug.NO_DEAD_LETTER && !(decision instanceof RetryDecision.Retry)) {
            finished(job);
            return;
        }
        if (bug == Bug.IMMEDIATE_RETRY && decision instanceof RetryDecision.Retry) {
            job.attempt++;
            requeue(job);
            return;
        }
        if (decision instanceof RetryDecision.Retry retry) {
            job.attempt++;
            waitingRetries.put(job, SCHEDULING);
            Clock.Cancellable timer = clock.schedule(retry.delay(), () -> {
                if (waitingRetries.remove(job) != null) {
                    requeue(job);
                }
            });
            // Only replace our placeholder: if the timer already fired (or shutdownNow took the job), the entry
            // is gone and must stay gone.
            waitingRetries.replace(job, SCHEDULING, timer);
        } else {
            giveUp(job, failure);
        }
    }

    private void giveUp(Job job, Throwable failure) {
        try {
            config.deadLetterHandler().accept(new DeadLetter(job.task, job.attempt, failure));
        } catch (RuntimeException ignored) {
            // The handler's own failure must not kill a worker or lose the accounting below.
        } finally {
            finished(job);
        }
    }

    // ---------------------------------------------------------------- waking

    private void wakeOne() {
        if (bug == Bug.HERD) {
            wakeAll();
            return;
        }
        if (idleCount == 0) {
            return;
        }
        Worker w;
        synchronized (idleLock) {
            w = idleWorkers.pollFirst();
            if (w == null) {
                return;
            }
            idleCount = idleWorkers.size();
            w.parked = false;
        }
        LockSupport.unpark(w.thread);
    }

    private void wakeAll() {
        List<Worker> all;
        synchronized (idleLock) {
            all = new ArrayList<>(idleWorkers);
            idleWorkers.clear();
            idleCount = 0;
            for (Worker w : all) {
                w.parked = false;
            }
        }
        for (Worker w : all) {
            LockSupport.unpark(w.thread);
        }
    }

    private boolean anyWorkVisible() {
        if (submissions.size() > 0) {
            return true;
        }
        for (Worker w : workers) {
            if (!w.deque.isEmpty() && (bug != Bug.NO_STEAL || w.thread == Thread.currentThread())) {
                return true;
            }
        }
        return false;
    }

    private boolean shouldExit() {
        int s = state;
        return s == STOP || (s == SHUTDOWN && (pending.get() == 0 || bug == Bug.DROP_QUEUE_ON_SHUTDOWN));
    }

    // ---------------------------------------------------------------- workers

    private final class Worker implements Runnable, TaskContext {
        final int index;
        final LockedDeque<Job> deque = new LockedDeque<>();
        Thread thread;
        /** True from the moment the worker is on the idle stack until someone takes it off. */
        volatile boolean parked;
        Job current;

        Worker(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    if (state == STOP || (bug == Bug.DROP_QUEUE_ON_SHUTDOWN && state == SHUTDOWN)) {
                        return;
                    }
                    Job job = findWork();
                    if (job != null) {
                        runJob(job);
                    } else if (!idle()) {
                        return;
                    }
                }
            } finally {
                if (liveWorkers.decrementAndGet() == 0) {
                    terminated.countDown();
                }
            }
        }

        private Job findWork() {
            Job job = deque.pop();
            if (job == null) {
                job = submissions.poll();
            }
            if (job == null) {
                job = stealFromOthers();
            }
            return job;
        }

        private Job stealFromOthers() {
            int n = workers.length;
            if (n == 1) {
                return null;
            }
            int start = ThreadLocalRandom.current().nextInt(n);
            for (int k = 0; k < n; k++) {
                Worker victim = workers[(start + k) % n];
                if (victim != this) {
                    Job job = switch (bug) {
                        case NO_STEAL -> null;
                        case WRONG_END_STEAL -> victim.deque.stealNewest();
                        default -> victim.deque.steal();
                    };
                    if (job != null) {
                        return job;
                    }
                }
            }
            return null;
        }

        /** Parks until there may be work; returns false if the worker should exit. */
        private boolean idle() {
            synchronized (idleLock) {
                if (shouldExit()) {
                    return false;
                }
                parked = true;
                idleWorkers.addFirst(this);
                idleCount = idleWorkers.size();
                if (anyWorkVisible()) {
                    idleWorkers.remove(this);
                    idleCount = idleWorkers.size();
                    parked = false;
                    return true;
                }
            }
            while (parked) {
                LockSupport.park(this);
            }
            return true;
        }

        private void runJob(Job job) {
            current = job;
            try {
                job.task.run(this);
                finished(job);
            } catch (Throwable failure) {
                if (bug == Bug.ERROR_KILLS_WORKER && failure instanceof Error e) {
                    throw e;
                }
                failed(job, failure);
            } finally {
                current = null;
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
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("spawn must be called by the task's own worker thread");
            }
            if (state == STOP) {
                throw new RejectedExecutionException("the pool was stopped with shutdownNow");
            }
            pending.incrementAndGet();
            Job job = new Job(task, AgingPriorityQueue.MIN_PRIORITY);
            if (bug == Bug.DOUBLE_RUN && idleCount > 0) {
                // "Hand-off fast path": give the new task straight to an idle worker... and keep it too.
                Worker idle;
                synchronized (idleLock) {
                    idle = idleWorkers.peekFirst();
                }
                if (idle != null) {
                    idle.deque.push(job);
                }
            }
            deque.push(job);
            if (state == STOP) {
                // Raced shutdownNow: take it back unless its drain already did (then it is in the returned list).
                Job back = deque.pop();
                if (back == job) {
                    pending.decrementAndGet();
                    throw new RejectedExecutionException("the pool was stopped with shutdownNow");
                } else if (back != null) {
                    deque.push(back);
                }
                return;
            }
            wakeOne();
        }
    }

    /** Bug helper: submissions in arrival order, priorities ignored. */
    private static final class FifoQueue<T> implements AgingPriorityQueue<T> {
        private final ConcurrentLinkedQueue<T> q = new ConcurrentLinkedQueue<>();

        @Override
        public void offer(T item, int priority) {
            q.add(item);
        }

        @Override
        public T poll() {
            return q.poll();
        }

        @Override
        public int size() {
            return q.size();
        }
    }
}
