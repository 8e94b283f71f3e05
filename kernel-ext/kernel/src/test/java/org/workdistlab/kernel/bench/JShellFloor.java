package org.workdistlab.kernel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The floor under the kernel benchmark: what bare JShell takes, in this JVM, for the work a trivial cell and a
 * completion request need. The kernel cannot be faster than this; the benchmark prints it beside each kernel
 * figure so the overhead of the wire, the dispatcher and rendering shows as a difference.
 *
 * <p>The trap it avoids: timing a cold JShell. The first evals compile javac itself through the JIT, so the floor
 * is taken after {@code warmup} evaluations, like the kernel figures (which are also taken warm).
 *
 * <p>Prints one JSON object: {@code {"eval_ms": [...], "println_ms": [...], "complete_ms": [...]}}. Run with the
 * same JVM flags as the kernel (the benchmark driver does this).
 */
public final class JShellFloor {

    private JShellFloor() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            int[] anchor = new int[1];
            for (int i = 0; i < warmup; i++) {
                shell.eval("1 + 1");
                shell.eval("System.out.print(\"\")");
                analysis.completionSuggestions("Math.ma", 7, anchor);
            }
            var eval = new ArrayList<Double>();
            var println = new ArrayList<Double>();
            var complete = new ArrayList<Double>();
            for (int i = 0; i < runs; i++) {
                eval.add(time(() -> shell.eval("1 + 1")));
                println.add(time(() -> shell.eval("System.out.print(\"\")")));
                complete.add(time(() -> analysis.completionSuggestions("Math.ma", 7, anchor)));
            }
            System.out.println("{\"eval_ms\": " + json(eval) + ", \"println_ms\": " + json(println)
                    + ", \"complete_ms\": " + json(complete) + "}");
        }
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static String json(List<Double> xs) {
        var parts = new ArrayList<String>();
        for (double x : xs) {
            parts.add(String.format(Locale.ROOT, "%.3f", x));
        }
        return "[" + String.join(", ", parts) + "]";
    }
}
