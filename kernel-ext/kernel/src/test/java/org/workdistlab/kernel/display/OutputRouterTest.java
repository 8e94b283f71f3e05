package org.workdistlab.kernel.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator;
import org.workdistlab.kernel.eval.Evaluator.Outcome;
import org.workdistlab.kernel.eval.JShellEvaluator;
import org.workdistlab.kernel.eval.RecordingOutput;

/** What cells print, from any thread, reaches the right cell's output whole, in order and without loss. */
class OutputRouterTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    @Test
    void linesFromWorkerThreadsNeverInterleaveAndKeepPerThreadOrder() {
        var out = new RecordingOutput();
        var outcome = evaluator.execute("""
                var workers = new ArrayList<Thread>();
                for (int k = 0; k < 4; k++) {
                    int id = k;
                    workers.add(new Thread(() -> {
                        for (int i = 0; i < 300; i++) {
                            System.out.print("T" + id + "-");
                            System.out.print(i);
                            System.out.print(":" + "x".repeat(40));
                            System.out.println();
                        }
                    }));
                }
                workers.forEach(Thread::start);
                for (var w : workers) { w.join(); }
                """, out);
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);

        var line = Pattern.compile("T(\\d)-(\\d+):x{40}");
        Map<String, Integer> next = new HashMap<>();
        String[] lines = out.stdout().split("\n", -1);
        assertThat(lines).hasSize(1201);
        assertThat(lines[1200]).isEmpty();
        for (int i = 0; i < 1200; i++) {
            var m = line.matcher(lines[i]);
            assertThat(m.matches()).as("line %d is whole: %s", i, lines[i]).isTrue();
            int expected = next.getOrDefault(m.group(1), 0);
            assertThat(Integer.parseInt(m.group(2))).as("order of thread %s", m.group(1)).isEqualTo(expected);
            next.put(m.group(1), expected + 1);
        }
    }

    @Test
    void outputAfterTheCellEndedGoesToTheMostRecentCell() throws Exception {
        var first = new RecordingOutput();
        evaluator.execute("""
                var handOff = new SynchronousQueue<String>();
                new Thread(() -> {
                    try { System.out.println("late " + handOff.take()); } catch (InterruptedException e) { }
                }).start();
                """, first);
        var second = new RecordingOutput();
        var outcome = evaluator.execute("handOff.put(\"hello\");", second);
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);

        assertThat(second.awaitStdout(s -> s.contains("late hello"), Duration.ofSeconds(60))).isTrue();
        assertThat(first.stdout()).doesNotContain("late");
    }

    @Test
    void partialLinesAndStderrArriveBeforeExecuteReturns() {
        var out = new RecordingOutput();
        evaluator.execute("System.out.print(\"no newline\"); System.err.print(\"warn\");", out);
        assertThat(out.stdout()).isEqualTo("no newline");
        assertThat(out.stderr()).isEqualTo("warn");
    }

    @Test
    void tenMegabytesReachASlowFrontendCompleteInLargeChunks() {
        var calls = new AtomicInteger();
        var received = new StringBuilder();
        var slow = new Evaluator.CellOutput() {
            @Override
            public synchronized void stream(String name, String text) {
                calls.incrementAndGet();
                received.append(text);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void display(MimeBundle bundle, String displayId, boolean update) {
            }

            @Override
            public void clearOutput(boolean wait) {
            }
        };
        // 100 000 lines of 99 characters plus newline = 10 000 000 characters
        var outcome = evaluator.execute(
                "String line = \"y\".repeat(99);\nfor (int i = 0; i < 100_000; i++) { System.out.println(line); }", slow);
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        synchronized (slow) {
            assertThat(received.length()).isEqualTo(10_000_000);
            assertThat(received.toString().replace("y".repeat(99) + "\n", "")).isEmpty();
        }
        assertThat(calls.get()).as("stream calls for 100 000 lines").isLessThan(10_000);
    }

    @Test
    void kernelDiagnosticsHaveTheirOwnStream() {
        assertThat(evaluator.diagnostics()).isNotSameAs(System.err).isNotNull();
    }
}
