package org.workdistlab.kernel.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import jdk.jshell.JShell;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.workdistlab.display.MimeBundle;

/**
 * Benchmark (not a test): the evaluator's cost per request next to the floor, a bare {@code JShell.eval} of the
 * same snippet in the same JVM with the same imports. Prints median and spread (p10..p90) in milliseconds.
 *
 * <pre>
 * mvn -B -o -pl kernel-ext/kernel test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.workdistlab.kernel.eval.EvaluatorBench [-Dexec.args=200]
 * </pre>
 * Run it on a quiet machine: on a loaded 2-core box, thread hand-offs dominate every figure.
 */
public final class EvaluatorBench {

    private EvaluatorBench() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        long t0 = System.nanoTime();
        var evaluator = JShellEvaluator.start();
        long started = System.nanoTime() - t0;
        evaluator.awaitReady();
        long ready = System.nanoTime() - t0;
        var out = evaluator.diagnostics();
        var bare = JShell.builder().executionEngine(new LocalExecutionControlProvider(), Map.of()).build();
        for (var imp : JShellEvaluator.Options.DEFAULT_IMPORTS) {
            if (!imp.startsWith("static")) {
                bare.eval("import " + imp + ";");
            }
        }
        var quiet = new Evaluator.CellOutput() {
            @Override
            public void stream(String name, String text) {
            }

            @Override
            public void display(MimeBundle bundle, String displayId, boolean update) {
            }

            @Override
            public void clearOutput(boolean wait) {
            }
        };
        for (int i = 0; i < 20; i++) {
            evaluator.execute("1 + 1", quiet);
            bare.eval("1 + 1");
        }
        out.printf(Locale.ROOT, "start() returned after %.1f ms; ready (JShell built, imports, warm-up) after %.0f ms%n",
                started / 1e6, ready / 1e6);
        report(out, "JShell.eval(\"1 + 1\") (floor)", n, () -> time(() -> bare.eval("1 + 1")));
        report(out, "execute(\"1 + 1\")", n, () -> time(() -> evaluator.execute("1 + 1", quiet)));
        report(out, "JShell.eval(println) (floor)", n, () -> time(() -> bare.eval("System.out.print(\"\");")));
        report(out, "execute(println)", n, () -> time(() -> evaluator.execute("System.out.println(\"hi\");", quiet)));
        var analysis = bare.sourceCodeAnalysis();
        report(out, "completionSuggestions (floor)", n,
                () -> time(() -> analysis.completionSuggestions("Math.ab", 7, new int[1])));
        report(out, "complete(\"Math.ab\")", n, () -> time(() -> evaluator.complete("Math.ab", 7)));
        report(out, "inspect(\"Math.abs\")", n, () -> time(() -> evaluator.inspect("Math.abs", 8, 0)));
        report(out, "isComplete(\"for (int i = 0;\")", n, () -> time(() -> evaluator.isComplete("for (int i = 0;")));
        bare.close();
        evaluator.close();
    }

    private static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private static void report(java.io.PrintStream out, String what, int n, LongSupplier sample) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            ms[i] = sample.getAsLong() / 1e6;
        }
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "%-36s median %7.2f ms   p10 %7.2f   p90 %7.2f   (n=%d)%n", what, ms[n / 2],
                ms[n / 10], ms[n * 9 / 10], n);
    }
}
