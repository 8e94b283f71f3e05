package org.workdistlab.lab;

import java.time.Duration;
import java.util.Locale;
import org.workdistlab.display.Display;
import org.workdistlab.lab.harness.Experiment;
import org.workdistlab.lab.harness.SpeedupResult;
import org.workdistlab.lab.harness.Workload;
import org.workdistlab.lab.machine.Machine;
import org.workdistlab.lab.workloads.Coordination;
import org.workdistlab.lab.workloads.PoolSizing;
import org.workdistlab.lab.workloads.RemoteCall;
import org.workdistlab.lab.workloads.SerialFractionWork;
import org.workdistlab.lab.workloads.SharedCounter;

/**
 * Short calls for notebook cells. Everything here is a shortcut for {@link Experiment} and the workload
 * classes, with defaults that fit the machine:
 *
 * <pre>{@code
 * Lab.machine()                                  // what this runs on
 * var r = Lab.speedup(Lab.cpu(0.10), 1, 2, 4, 8); // about 9 s; prints progress
 * r.chart()                                      // measured points, ideal line, Amdahl and USL fits
 * Lab.quick(Lab.remoteCall(Duration.ofMillis(2)), 1, 2, 4, 8)   // about 2 s
 * Lab.speedup()                                  // the workload that fits this machine, 1..8 threads
 * }</pre>
 */
public final class Lab {

    private static final int[] DEFAULT_THREADS = {1, 2, 4, 8};

    private Lab() {
    }

    /** The machine this JVM runs on: CPUs, container limit, JVM, heap, OS, date. */
    public static Machine machine() {
        return Machine.detect();
    }

    /** Whether fewer than 2 CPUs are usable here (mybinder.org gives 1): CPU-bound work cannot speed up. */
    public static boolean singleCpu() {
        return machine().effectiveCpus() < 2;
    }

    /**
     * The workload that shows speedup on this machine: CPU-bound with 10% serial on 2 or more CPUs; on 1 CPU a
     * blocking remote call (2 ms), because threads can overlap waits but not computation. Says which it picked.
     */
    public static Workload defaultWorkload() {
        var m = machine();
        if (m.effectiveCpus() < 2) {
            Display.display(String.format(Locale.ROOT, "this machine has %s CPU: using a BLOCKING workload (a 2 ms "
                    + "remote call), since threads can overlap waiting but not computing here", fmt(m.effectiveCpus())));
            return RemoteCall.of(RemoteCall.DEFAULT_LATENCY);
        }
        return SerialFractionWork.of(0.10);
    }

    /** Speedup of {@link #defaultWorkload()} at 1, 2, 4, 8 threads, with the default settings. */
    public static SpeedupResult speedup() {
        return speedup(defaultWorkload(), DEFAULT_THREADS);
    }

    /** Speedup of {@code workload} at {@code threads} (1, 2, 4, 8 when none given), default settings (~9 s). */
    public static SpeedupResult speedup(Workload workload, int... threads) {
        return Experiment.named(workload.describe()).workload(workload)
                .threads(threads.length == 0 ? DEFAULT_THREADS : threads).run();
    }

    /** A quick look: 1 warm-up and 3 trials of 100 ms per thread count (about 2 s for 4 counts). */
    public static SpeedupResult quick(Workload workload, int... threads) {
        return Experiment.named(workload.describe()).workload(workload)
                .threads(threads.length == 0 ? DEFAULT_THREADS : threads)
                .warmups(1).trials(3).trialLength(Duration.ofMillis(100)).run();
    }

    /** A full experiment to configure: {@code Lab.experiment("x").workload(w).threads(1, 2).run()}. */
    public static Experiment experiment(String name) {
        return Experiment.named(name);
    }

    /** CPU-bound work of which {@code serialFraction} runs alone, as Amdahl's law assumes. */
    public static SerialFractionWork cpu(double serialFraction) {
        return SerialFractionWork.of(serialFraction);
    }

    /** A simulated remote call that waits {@code latency}. */
    public static RemoteCall remoteCall(Duration latency) {
        return RemoteCall.of(latency);
    }

    /** One shared counter kept with {@code strategy}. */
    public static SharedCounter counter(SharedCounter.Strategy strategy) {
        return SharedCounter.of(strategy);
    }

    /** Workers that exchange a message with every other worker each round. */
    public static Coordination allToAll() {
        return Coordination.allToAll();
    }

    /** Workers that do the same work and never talk. */
    public static Coordination independent() {
        return Coordination.independent();
    }

    /** Throughput against pool size for CPU-bound tasks. */
    public static PoolSizing poolSizingCpu() {
        return PoolSizing.cpu();
    }

    /** Throughput against pool size for blocking tasks (W/C about 10). */
    public static PoolSizing poolSizingBlocking() {
        return PoolSizing.blocking();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
