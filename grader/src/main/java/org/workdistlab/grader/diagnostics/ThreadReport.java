package org.workdistlab.grader.diagnostics;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a check's threads were when it overran: a short, learner-facing text (at most {@link #MAX_LINES} lines).
 *
 * <p>For every learner-relevant thread: name, state, the lock it waits on and who holds it, and its stack trimmed
 * to learner frames plus the one JDK frame the learner called into (e.g. {@code LinkedBlockingQueue.take}); lock
 * cycles from {@link ThreadMXBean#findDeadlockedThreads()} in plain words; and threads whose CPU time kept growing
 * over a short sample named as busy-spinning.
 *
 * <p>Captured inside the forked JVM, from its watchdog thread, before the fork is stopped.
 */
public final class ThreadReport {

    /** The notebook section every deadlock report points to. */
    public static final String DEADLOCK_SECTION = "module 1, Focus Block 3, Specter 5: Distributed Deadlock";
    /** How long CPU time is sampled to tell spinning from waiting. */
    public static final long SPIN_SAMPLE_MILLIS = 300;
    /**
     * CPU time within the sample above which a RUNNABLE thread counts as busy: a tenth of one core. A thread that
     * waits (even one RUNNABLE in a blocking native call) gains next to none; a spinning one gains far more even when
     * the machine is loaded (four busy threads per core still leave it a quarter).
     */
    public static final long SPIN_CPU_MILLIS = 30;
    /** A screenful. */
    public static final int MAX_LINES = 30;
    /** Threads shown at most (deadlocked and spinning ones first). */
    public static final int MAX_THREADS = 6;
    /** Learner frames shown per thread. */
    public static final int MAX_FRAMES = 5;

    private static final Set<String> JVM_THREADS = Set.of("Reference Handler", "Finalizer", "Signal Dispatcher",
            "Common-Cleaner", "Notification Thread", "Attach Listener", "DestroyJavaVM");

    private ThreadReport() {
    }

    /**
     * Captures the report. Blocks for {@link #SPIN_SAMPLE_MILLIS} to sample CPU time.
     *
     * @param headline    first line, e.g. "check 'flush' timed out after 2 s"
     * @param isLearner   which class names are learner code
     * @param isCheckCode which class names are the suite (its frame shows where the check was)
     * @param ignore      thread ids that are grader infrastructure (watchdog, event writer)
     * @param checkThread the thread running the check (labelled as such), or -1
     */
    public static String capture(String headline, Predicate<String> isLearner, Predicate<String> isCheckCode,
                                 Set<Long> ignore, long checkThread) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = mx.isThreadCpuTimeSupported();
        if (cpu && !mx.isThreadCpuTimeEnabled()) {
            try {
                mx.setThreadCpuTimeEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                cpu = false;
            }
        }
        Map<Long, Long> before = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            if (cpu) {
                before.put(id, mx.getThreadCpuTime(id));
            }
        }
        try {
            Thread.sleep(SPIN_SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ThreadInfo[] infos = mx.dumpAllThreads(mx.isObjectMonitorUsageSupported(), mx.isSynchronizerUsageSupported());
        var byId = new LinkedHashMap<Long, ThreadInfo>();
        for (ThreadInfo info : infos) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        var spinning = new HashMap<Long, Long>();
        if (cpu) {
            for (var e : before.entrySet()) {
                ThreadInfo info = byId.get(e.getKey());
                long now = mx.getThreadCpuTime(e.getKey());
                long usedMillis = (now - e.getValue()) / 1_000_000;
                if (info != null && e.getValue() >= 0 && now >= 0 && usedMillis >= SPIN_CPU_MILLIS
                        && info.getThreadState() == Thread.State.RUNNABLE) {
                    spinning.put(e.getKey(), usedMillis);
                }
            }
        }
        long[] dead = mx.findDeadlockedThreads();
        var deadlocked = new ArrayList<Long>();
        if (dead != null) {
            for (long id : dead) {
                deadlocked.add(id);
            }
        }

        var lines = new ArrayList<String>();
        lines.add(headline);
        for (String cycle : cycles(deadlocked, byId)) {
            lines.add("deadlock: " + cycle + " (see " + DEADLOCK_SECTION + ")");
        }
        var relevant = new ArrayList<ThreadInfo>();
        for (ThreadInfo info : byId.values()) {
            long id = info.getThreadId();
            if (ignore.contains(id) || JVM_THREADS.contains(info.getThreadName())) {
                continue;
            }
            boolean learnerStack = firstLearnerFrame(info.getStackTrace(), isLearner) >= 0;
            if (id == checkThread || learnerStack || deadlocked.contains(id) || spinning.containsKey(id)) {
                relevant.add(info);
            }
        }
        relevant.sort((a, b) -> Integer.compare(rank(a, deadlocked, spinning, checkThread),
                rank(b, deadlocked, spinning, checkThread)));
        int shown = 0;
        for (ThreadInfo info : relevant) {
            if (shown == MAX_THREADS || lines.size() >= MAX_LINES - 2) {
                lines.add("... and " + (relevant.size() - shown) + " more threads");
                break;
            }
            shown++;
            lines.add(describe(info, info.getThreadId() == checkThread, spinning.get(info.getThreadId())));
            for (String frame : frames(info.getStackTrace(), isLearner, isCheckCode)) {
                if (lines.size() >= MAX_LINES - 1) {
                    break;
                }
                lines.add("    at " + frame);
            }
        }
        if (relevant.isEmpty()) {
            lines.add("(no learner thread was alive)");
        }
        return String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_LINES)));
    }

    private static int rank(ThreadInfo t, List<Long> deadlocked, Map<Long, Long> spinning, long checkThread) {
        long id = t.getThreadId();
        return deadlocked.contains(id) ? 0 : spinning.containsKey(id) ? 1 : id == checkThread ? 3 : 2;
    }

    private static String describe(ThreadInfo t, boolean isCheck, Long spinMillis) {
        var sb = new StringBuilder("\"").append(t.getThreadName()).append('"');
        if (isCheck) {
            sb.append(" (runs the check)");
        }
        sb.append(' ').append(t.getThreadState());
        if (spinMillis != null) {
            sb.append(", busy-spinning (").append(spinMillis).append(" ms of CPU in the last ")
                    .append(SPIN_SAMPLE_MILLIS).append(" ms)");
        } else if (t.getLockInfo() != null) {
            sb.append(t.getThreadState() == Thread.State.BLOCKED ? " on " : " for ").append(lockName(t.getLockInfo()));
            if (t.getLockOwnerName() != null) {
                sb.append(" held by \"").append(t.getLockOwnerName()).append('"');
            }
        }
        return sb.toString();
    }

    /** Deadlock cycles as "a holds X and waits for Y; b holds Y and waits for X". */
    static List<String> cycles(List<Long> deadlocked, Map<Long, ThreadInfo> byId) {
        var out = new ArrayList<String>();
        var seen = new java.util.HashSet<Long>();
        for (long start : deadlocked) {
            if (seen.contains(start)) {
                continue;
            }
            // Walk owner links until a thread repeats; the repeated part is the cycle.
            var path = new ArrayList<Long>();
            long cur = start;
            while (cur != -1 && !path.contains(cur) && byId.containsKey(cur)) {
                path.add(cur);
                cur = byId.get(cur).getLockOwnerId();
            }
            if (cur == -1 || !path.contains(cur)) {
                seen.addAll(path);
                continue;
            }
            List<Long> cycle = path.subList(path.indexOf(cur), path.size());
            if (cycle.stream().anyMatch(seen::contains)) {
                seen.addAll(path);
                continue;
            }
            seen.addAll(path);
            var parts = new ArrayList<String>();
            for (int i = 0; i < cycle.size(); i++) {
                ThreadInfo t = byId.get(cycle.get(i));
                ThreadInfo previous = byId.get(cycle.get((i - 1 + cycle.size()) % cycle.size()));
                String holds = previous.getLockInfo() == null ? "a lock" : lockName(previous.getLockInfo());
                parts.add(t.getThreadName() + " holds " + holds + " and waits for "
                        + (t.getLockInfo() == null ? "a lock" : lockName(t.getLockInfo())));
            }
            out.add(String.join("; ", parts));
        }
        return out;
    }

    /** {@code java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586} becomes {@code ReentrantLock@1b6d3586}. */
    static String lockName(LockInfo lock) {
        String cls = lock.getClassName();
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        if (simple.endsWith("$NonfairSync") || simple.endsWith("$FairSync") || simple.endsWith("$Sync")) {
            simple = simple.substring(0, simple.indexOf('$'));
        }
        return simple + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    private static int firstLearnerFrame(StackTraceElement[] stack, Predicate<String> isLearner) {
        for (int i = 0; i < stack.length; i++) {
            if (isLearner.test(stack[i].getClassName())) {
                return i;
            }
        }
        return -1;
    }

    /** Learner frames with the JDK frame they called into; else the top frame and the check's own frame. */
    static List<String> frames(StackTraceElement[] stack, Predicate<String> isLearner, Predicate<String> isCheck) {
        var out = new ArrayList<String>();
        int first = firstLearnerFrame(stack, isLearner);
        if (first < 0) {
            if (stack.length > 0) {
                out.add(frame(stack[0]));
            }
            for (int i = 1; i < stack.length; i++) {
                if (isCheck.test(stack[i].getClassName())) {
                    out.add(frame(stack[i]));
                    break;
                }
            }
            return out;
        }
        if (first > 0) {
            out.add(frame(stack[first - 1]));
        }
        int learner = 0;
        for (int i = first; i < stack.length && learner < MAX_FRAMES; i++) {
            if (stack[i].getClassName().contains("$$Lambda")) {
                continue; // the lambda's body frame above already says where it is
            }
            if (isLearner.test(stack[i].getClassName())) {
                out.add(frame(stack[i]));
                learner++;
            } else if (isCheck.test(stack[i].getClassName())) {
                out.add(frame(stack[i]));
                break;
            }
        }
        return out;
    }

    /** {@code Class.method(File.java:12)}, without module and loader prefixes. */
    static String frame(StackTraceElement e) {
        String cls = e.getClassName();
        String where = e.isNativeMethod() ? "native" : e.getFileName() == null ? "unknown source"
                : e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
        return cls + "." + e.getMethodName() + "(" + where + ")";
    }
}
