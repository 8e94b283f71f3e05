package org.workdistlab.lab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.workdistlab.lab.harness.Experiment;
import org.workdistlab.lab.harness.SpeedupResult;
import org.workdistlab.lab.harness.Stats;
import org.workdistlab.lab.machine.Machine;
import java.time.Duration;
import org.workdistlab.lab.harness.ExperimentInterruptedException;
import org.workdistlab.lab.harness.Workload;
import org.workdistlab.lab.workloads.Coordination;
import org.workdistlab.lab.workloads.NoWork;
import org.workdistlab.lab.workloads.RemoteCall;
import org.workdistlab.lab.workloads.SerialFractionWork;

/**
 * The lab harness measured by itself ({@code ./lab bench lab}).
 *
 * <p>Part 1, overhead against an empty workload: what the harness costs per operation (the loop, the stop
 * flag, the call, the sink) as a share of one default CPU operation, and what it costs per trial outside
 * the counted window (setup, start barrier, ramp-up, stop, join of the trial) as a share of a default trial.
 * Aim: under 1%.
 *
 * <p>Part 2, run-to-run spread: five full default speedup curves of the CPU workload (10% serial), each
 * with its own seed; per thread count the median over curves and the coefficient of variation between
 * curves. Aim: within 10% on a quiet machine (on a shared 2-core box expect more).
 *
 * <p>Part 3, the stop button: how long an interrupted run takes to return with every worker joined. Aim:
 * under 1 s.
 *
 * <p>Arguments: {@code --curves N} (default 5), {@code --quick} (shorter trials, for a smoke test).
 */
public final class LabBench {

    private LabBench() {
    }

    public static void main(String[] args) {
        int curves = 5;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--curves" -> curves = Integer.parseInt(args[++i]);
                case "--quick" -> quick = true;
                default -> {
                    System.err.println("unknown argument '" + args[i] + "': use --curves N or --quick");
                    System.exit(2);
                }
            }
        }
        var machine = Machine.detect();
        System.out.println("lab bench on " + machine.summary());
        System.out.println();

        // Part 2 first collects the CPU curves, part 1 needs the CPU op time from them
        var results = new ArrayList<SpeedupResult>();
        var wallSeconds = new double[curves];
        for (int c = 1; c <= curves; c++) {
            var e = configure(Experiment.named("cpu 10% serial, curve " + c), quick)
                    .workload(SerialFractionWork.of(0.10)).threads(1, 2, 4, 8).seed(c).quiet();
            long begin = System.nanoTime();
            var r = e.run();
            wallSeconds[c - 1] = (System.nanoTime() - begin) / 1e9;
            results.add(r);
            System.out.printf(Locale.ROOT, "curve %d/%d done in %.1f s (seed %d): speedup at 2/4/8 threads %.2f / %.2f / %.2f%n",
                    c, curves, wallSeconds[c - 1], c, r.point(2).speedup(), r.point(4).speedup(), r.point(8).speedup());
        }
        var empty = configure(Experiment.named("empty workload"), quick).workload(new NoWork())
                .threads(1, 2, 4, 8).seed(0).quiet().run();

        System.out.println();
        System.out.println("1. harness overhead (empty workload: the op returns its worker index)");
        double emptyNs = empty.point(1).medianNanosPerOp();
        double cpuNs = Stats.median(results.stream().mapToDouble(r -> r.point(1).medianNanosPerOp()).toArray());
        System.out.printf(Locale.ROOT, "   per operation: %.2f ns (1 thread, median of %d trials) = %.3f%% of one "
                + "default CPU operation (%.1f us)   aim < 1%%%n", emptyNs, empty.point(1).trials(),
                100 * emptyNs / cpuNs, cpuNs / 1e3);
        System.out.printf(Locale.ROOT, "   %7s %18s %18s %22s%n", "threads", "empty ops/s", "fixed cost/trial",
                "share of trial wall");
        for (int n : new int[] {1, 2, 4, 8}) {
            var trials = empty.trials().stream().filter(t -> t.threads() == n).toList();
            double over = Stats.median(trials.stream().mapToDouble(t -> t.overheadNanos()).toArray());
            double window = Stats.median(trials.stream().mapToDouble(t -> t.windowNanos()).toArray());
            System.out.printf(Locale.ROOT, "   %7d %18.3g %15.3f ms %21.3f%%%n", n, empty.point(n).medianOpsPerSec(),
                    over / 1e6, 100 * over / (over + window));
        }
        System.out.println("   (the fixed cost is outside the counted window: it costs wall time, not accuracy)");

        System.out.println();
        System.out.printf(Locale.ROOT, "2. spread of %d repeated speedup curves (cpu, 10%% serial, %s)%n", curves,
                quick ? "quick settings" : "default settings: 2 warm-ups + 5 trials x 300 ms per count");
        System.out.printf(Locale.ROOT, "   %7s %16s %10s %14s %10s %18s %16s%n", "threads", "median ops/s",
                "cv % ops", "median speedup", "cv % sp.", "speedup min..max", "within-curve cv%");
        for (int n : new int[] {1, 2, 4, 8}) {
            double[] medians = results.stream().mapToDouble(r -> r.point(n).medianOpsPerSec()).toArray();
            double[] speedups = results.stream().mapToDouble(r -> r.point(n).speedup()).toArray();
            double[] within = results.stream().mapToDouble(r -> r.point(n).cvPercent()).toArray();
            System.out.printf(Locale.ROOT, "   %7d %16.4g %10.1f %14.2f %10.1f %18s %16.1f%n", n, Stats.median(medians),
                    Stats.cvPercent(medians), Stats.median(speedups), Stats.cvPercent(speedups),
                    String.format(Locale.ROOT, "%.2f..%.2f", Stats.min(speedups), Stats.max(speedups)),
                    Stats.median(within));
        }
        System.out.println("   aim: cv between curves within 10% on a quiet machine; "
                + (machine.effectiveCpus() < 8 ? "counts above " + (int) machine.effectiveCpus()
                + " CPUs time-share cores and vary more" : ""));
        System.out.printf(Locale.ROOT, "   wall time of one full curve (1, 2, 4, 8 threads): median %.1f s, max %.1f s"
                + "   aim < 20 s with defaults%n", Stats.median(wallSeconds), Stats.max(wallSeconds));
        List<String> notes = results.get(0).notes();
        notes.forEach(n -> System.out.println("   note: " + n));

        System.out.println();
        System.out.println("3. stop button: interrupt a run mid-trial, time until run() has returned with every worker joined");
        System.out.printf(Locale.ROOT, "   %-34s %14s %16s%n", "workload", "to return", "workers left");
        stopTime("cpu 10% serial, 8 threads", SerialFractionWork.of(0.10));
        stopTime("remote call 2 ms, 8 threads", RemoteCall.of(Duration.ofMillis(2)));
        stopTime("all-to-all messages, 8 threads", Coordination.allToAll());
        System.out.println("   aim: under 1 s");
    }

    private static void stopTime(String label, Workload w) {
        var runner = new Thread(() -> {
            try {
                Experiment.named(label).workload(w).threads(8).warmups(0).trials(3)
                        .trialLength(Duration.ofMinutes(1)).quiet().run();
            } catch (ExperimentInterruptedException expected) {
                // the point of this step
            }
        }, "bench-stop-runner");
        runner.start();
        try {
            Thread.sleep(1_500); // well inside the first trial (setup, ramp-up, then a 1-minute window)
            long t0 = System.nanoTime();
            runner.interrupt();
            runner.join(60_000);
            double ms = (System.nanoTime() - t0) / 1e6;
            long left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("wdl-lab-worker-")).count();
            System.out.printf(Locale.ROOT, "   %-34s %11.1f ms %16d%n", label, ms, left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Experiment configure(Experiment e, boolean quick) {
        return quick ? e.warmups(1).trials(3).trialLength(Duration.ofMillis(50)) : e;
    }
}
