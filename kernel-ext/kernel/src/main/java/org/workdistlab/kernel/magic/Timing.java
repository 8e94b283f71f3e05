package org.workdistlab.kernel.magic;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import org.workdistlab.kernel.spi.Magic;

/** Shared by {@code %time} and {@code %%time}. */
final class Timing {

    private Timing() {
    }

    /**
     * Runs {@code source} and prints wall time and the process's CPU time over the same span. The CPU figure is
     * for the whole JVM (compiling the cell and any worker threads included), as ipykernel's {@code %time} reports
     * process times; it says so in its label.
     */
    static Optional<Object> timed(String source, Magic.Context context) throws Magic.MagicException {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try {
            return context.eval(source).map(b -> (Object) b);
        } finally {
            long wall = System.nanoTime() - t0;
            long cpu = processCpuNanos() - cpu0;
            System.out.println("CPU time (whole JVM): " + (cpu0 < 0 ? "n/a" : format(cpu))
                    + ", wall time: " + format(wall));
            System.out.flush();
        }
    }

    static String format(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
