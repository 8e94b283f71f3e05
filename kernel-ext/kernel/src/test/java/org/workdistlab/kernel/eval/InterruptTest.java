package org.workdistlab.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator.Outcome;

/**
 * Interrupting runaway cells, with a real JShell. No durations are asserted: "stopped" means the thread that
 * spun is dead (so its CPU time cannot grow), and the next cell still sees earlier definitions. The waits below
 * are generous deadlines that only keep a broken build from hanging.
 *
 * <p>Runs on the build's JDK; for the newest JDK (where {@code Thread.stop} throws) run
 * {@code mvn -B -o -pl kernel-ext/kernel test -Dtest=InterruptTest -Djvm=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}.
 */
class InterruptTest {

    private static final long PATIENCE_SECONDS = 60;

    private static JShellEvaluator evaluator;
    private static ExecutorService caller;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start();
        caller = Executors.newSingleThreadExecutor();
        assertThat(evaluator.execute("int kept = 7;\nString keptText = \"still here\";", new RecordingOutput()))
                .isInstanceOf(Outcome.Ok.class);
    }

    @AfterAll
    static void stop() {
        evaluator.close();
        caller.shutdownNow();
    }

    @Test
    void busyLoopIsStoppedAndItsThreadDies() throws Exception {
        // one snippet (a block): each snippet runs in a fresh JShell thread
        assertStopped("{\n  Thread.currentThread().setName(\"spin-cell\");\n  while (true) {}\n}", List.of("spin-cell"));
    }

    @Test
    void sleepIsStopped() throws Exception {
        assertStopped("{\n  Thread.currentThread().setName(\"sleep-cell\");\n  Thread.sleep(1_000_000);\n}",
                List.of("sleep-cell"));
    }

    @Test
    void threadsTheCellStartedAreStoppedToo() throws Exception {
        assertStopped("""
                var pool = Executors.newFixedThreadPool(1, r -> new Thread(r, "pool-sleeper"));
                {
                    for (int i = 0; i < 2; i++) {
                        new Thread(() -> { long n = 0; while (true) { n++; } }, "spin-worker-" + i).start();
                    }
                    pool.submit(() -> { Thread.sleep(1_000_000); return 0; });
                    Thread.currentThread().setName("spin-boss");
                    while (true) {}
                }
                """, List.of("spin-boss", "spin-worker-0", "spin-worker-1"));
    }

    @Test
    void aWorkerLeftSpinningByAFinishedCellIsStoppedWhenIdle() throws Exception {
        var outcome = evaluator.execute(
                "new Thread(() -> { long n = 0; while (true) { n++; } }, \"spin-orphan\").start();",
                new RecordingOutput());
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        Thread orphan;
        try {
            orphan = awaitBusy("spin-orphan");
        } finally {
            evaluator.interrupt();
        }

        orphan.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
        assertThat(orphan.isAlive()).as("orphan worker still alive after interrupt").isFalse();
        assertEarlierDefinitionsIntact();
    }

    @Test
    void interruptWhenIdleIsHarmless() {
        evaluator.interrupt();
        assertEarlierDefinitionsIntact();
    }

    private static void assertStopped(String cell, List<String> threadNames) throws Exception {
        var output = new RecordingOutput();
        Future<Outcome> running = caller.submit(() -> evaluator.execute(cell, output));
        var threads = new java.util.ArrayList<Thread>();
        try {
            for (var name : threadNames) {
                threads.add(awaitStarted(name));
            }
            for (var t : threads) {
                if (t.getName().startsWith("spin")) {
                    assertCpuGrows(t);
                }
            }
        } finally {
            evaluator.interrupt();
        }

        var outcome = running.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(Outcome.Interrupted.class);
        for (var t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertThat(t.isAlive()).as("%s still alive after interrupt", t.getName()).isFalse();
            assertThat(ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId()))
                    .as("CPU time of the dead thread %s", t.getName()).isEqualTo(-1L);
        }
        var sleeper = find("pool-sleeper");
        if (sleeper != null) {
            // an interrupted pool thread survives (idle); its sleeping task must have been interrupted
            assertThat(sleeper.getState()).isNotEqualTo(Thread.State.TIMED_WAITING);
        }
        assertEarlierDefinitionsIntact();
    }

    private static void assertEarlierDefinitionsIntact() {
        var outcome = evaluator.execute("keptText + \" \" + kept * 6", new RecordingOutput());
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok) outcome).value().map(MimeBundle::plainText)).contains("still here 42");
    }

    private static Thread awaitStarted(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (System.nanoTime() < deadline) {
            var t = find(name);
            if (t != null) {
                return t;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("thread " + name + " never started");
    }

    private static Thread awaitBusy(String name) throws InterruptedException {
        var t = awaitStarted(name);
        assertCpuGrows(t);
        return t;
    }

    /** Waits until the thread has used CPU twice in a row: it is really spinning before we interrupt. */
    private static void assertCpuGrows(Thread t) throws InterruptedException {
        var mx = ManagementFactory.getThreadMXBean();
        long first = mx.getThreadCpuTime(t.getId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (mx.getThreadCpuTime(t.getId()) <= first && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(mx.getThreadCpuTime(t.getId())).as("CPU time of %s", t.getName()).isGreaterThan(first);
    }

    private static Thread find(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElse(null);
    }
}
