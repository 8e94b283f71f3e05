package org.workdistlab.exercises.reference.workqueue;

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
 * Work-stealing pool: one {@link ChaseLevDeque} per worker, one {@link ReferenceAgingQueue} for submissions.
 *
 * <h2>Accounting invariant</h2>
 * {@code pending} counts accepted tasks that are not finished for good: queued anywhere, running, or waiting on
 * the clock for a retry. It goes up before a task becomes visible (submit, spawn) and down only when a task
 * succeeds, is handed to the dead-letter handler, or is returned by {@code shutdownNow}. A retry keeps its
 * task's unit. Hence "shut down and {@code pending == 0}" means nothing can ever run again: that is when
 * workers leave their loop on a graceful shutdown.
 *
 * <h2>Ownership of a task</h2>
 * A task is in at most one container at a time (submission queue, one deque, the retry map), and whoever
 * removes it owns it: the deques and the queue are linearizable, and the retry map hands an entry to whichever
 * of the timer and {@code shutdownNow} removes it first. So no task runs twice and none is dropped.
 *
 * <h2>Sleeping and waking (no thundering herd)</h2>
 * Idle workers wait on a stack (most recently idle first: its cache is warmest). Going idle: under
 * {@code idleLock}, push self, publish {@code idleCount}, then rescan every container; only if all are empty,
 * park. Making work visible: publish the task, then read {@code idleCount}; if positive, pop one worker and
 * unpark it. Both sides write, then read, volatile fields in opposite order, so at least one of them sees the
 * other: either the sleeper finds the task in its rescan or the producer finds the sleeper. One task wakes at
 * most one worker; a wakened worker that finds more work does not wake others (each new task did that).
 * Only shutdown wakes everyone, once.
 *
 * <h2>Shutdown</h2>
 * {@code submissionLock} orders submissions against state changes, so no submission slips in after
 * {@code shutdown} or after {@code shutdownNow} drained the queue. A spawn racing {@code shutdownNow} pushes,
 * re-reads the state, and pops its own task back if the pool stopped (if the drain stole it first, the task is
 * in the returned list, which is also correct).
 */
public final class ReferenceWorkerPool implements WorkerPool {

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

    public ReferenceWorkerPool(PoolConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = config.clock();
        this.submissions = new ReferenceAgingQueue<>(config.aging());
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
        if (pending.get() == 0) {
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
        return drained;
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
            if (!w.deque.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private boolean shouldExit() {
        int s = state;
        return s == STOP || (s == SHUTDOWN && pending.get() == 0);
    }

    // ---------------------------------------------------------------- workers

    private final class Worker implements Runnable, TaskContext {
        final int index;
        final WorkStealingDeque<Job> deque = new ChaseLevDeque<>();
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
                    if (state == STOP) {
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
                    Job job = victim.deque.steal();
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
}
