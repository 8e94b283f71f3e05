package org.workdistlab.lab.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The machine a measurement ran on. A speedup means little without it: 8 threads cannot beat 2 cores, and a
 * container may be limited to fewer CPUs than the host shows.
 *
 * <pre>{@code
 * Machine m = Machine.detect();
 * m.effectiveCpus();   // e.g. 2.0, or 1.0 on mybinder.org
 * }</pre>
 *
 * @param availableProcessors what {@code Runtime.availableProcessors()} reported (the JVM already honours
 *                            cgroup limits and CPU sets here, rounded up)
 * @param cpuLimit            the container CPU quota in CPUs (e.g. 1.5) from cgroup v2 {@code cpu.max} or
 *                            v1 {@code cpu.cfs_quota_us / cpu.cfs_period_us}; {@code null} when unlimited or
 *                            unknown
 * @param cpuLimitSource      the file the limit came from, or why there is none
 * @param jvmName             e.g. {@code OpenJDK 64-Bit Server VM}
 * @param jvmVersion          e.g. {@code 17.0.15+6-Debian-1deb12u1}
 * @param maxHeapBytes        {@code Runtime.maxMemory()}
 * @param os                  operating system name and version
 * @param arch                CPU architecture, e.g. {@code amd64}
 * @param detectedAt          ISO-8601 date and time (UTC, seconds) when this was read
 */
public record Machine(int availableProcessors, Double cpuLimit, String cpuLimitSource, String jvmName,
                      String jvmVersion, long maxHeapBytes, String os, String arch, String detectedAt) {

    private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
    private static final Path PROC_SELF_CGROUP = Path.of("/proc/self/cgroup");

    /** Reads the machine this JVM runs on now. Never throws: what cannot be read is reported as unknown. */
    public static Machine detect() {
        return detect(CGROUP_ROOT, PROC_SELF_CGROUP);
    }

    /** As {@link #detect()}, reading cgroup files under {@code cgroupRoot} (tests pass a temporary folder). */
    public static Machine detect(Path cgroupRoot, Path procSelfCgroup) {
        var limit = CpuLimit.read(cgroupRoot, procSelfCgroup);
        var rt = Runtime.getRuntime();
        var runtime = ManagementFactory.getRuntimeMXBean();
        return new Machine(rt.availableProcessors(), limit.cpus(), limit.source(),
                runtime.getVmName(), System.getProperty("java.vm.version", runtime.getVmVersion()),
                rt.maxMemory(),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", ""),
                System.getProperty("os.arch", "?"),
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    /** The CPUs this process can really use: the smaller of available processors and the cgroup quota. */
    public double effectiveCpus() {
        return cpuLimit == null ? availableProcessors : Math.min(availableProcessors, cpuLimit);
    }

    /** One line for chart subtitles and table captions. */
    public String summary() {
        var cpus = cpuLimit == null
                ? availableProcessors + " CPU" + (availableProcessors == 1 ? "" : "s")
                : availableProcessors + " CPUs, limit " + fmt(cpuLimit);
        return String.format(Locale.ROOT, "%s, %s %s, heap %.1f GB, %s %s, %s", cpus, jvmName, jvmVersion,
                maxHeapBytes / 1e9, os.trim(), arch, detectedAt);
    }

    @Override
    public String toString() {
        return "Machine: " + summary() + (cpuLimit == null ? " (cpu limit: " + cpuLimitSource + ")" : "");
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A container CPU quota and where it was read; {@code cpus} is null when there is none. */
    record CpuLimit(Double cpus, String source) {

        static CpuLimit read(Path root, Path procSelfCgroup) {
            var candidates = candidates(root, readOrNull(procSelfCgroup));
            for (var c : candidates) {
                if (c.v2()) {
                    var text = readOrNull(c.quota());
                    if (text == null) {
                        continue;
                    }
                    var cpus = parseCpuMax(text);
                    return new CpuLimit(cpus.isPresent() ? cpus.getAsDouble() : null,
                            cpus.isPresent() ? c.quota().toString() : "none (" + c.quota() + " says max)");
                }
                var quota = readOrNull(c.quota());
                var period = readOrNull(c.period());
                if (quota == null || period == null) {
                    continue;
                }
                var cpus = parseCfs(quota, period);
                return new CpuLimit(cpus.isPresent() ? cpus.getAsDouble() : null,
                        cpus.isPresent() ? c.quota().toString() : "none (" + c.quota() + " is -1)");
            }
            return new CpuLimit(null, "unknown (no cgroup cpu.max or cpu.cfs_quota_us under " + root + ")");
        }

        private record Candidate(boolean v2, Path quota, Path period) {
        }

        /** Own cgroup first (from /proc/self/cgroup), then the root: inside a container both are the root. */
        private static List<Candidate> candidates(Path root, String procSelfCgroup) {
            var out = new ArrayList<Candidate>();
            if (procSelfCgroup != null) {
                for (var line : procSelfCgroup.split("\n")) {
                    var parts = line.trim().split(":", 3);
                    if (parts.length != 3 || parts[2].equals("/")) {
                        continue;
                    }
                    var rel = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                    if (parts[0].equals("0") && parts[1].isEmpty()) {
                        out.add(new Candidate(true, root.resolve(rel).resolve("cpu.max"), null));
                    } else if (List.of(parts[1].split(",")).contains("cpu")) {
                        var dir = root.resolve(parts[1]).resolve(rel);
                        out.add(new Candidate(false, dir.resolve("cpu.cfs_quota_us"), dir.resolve("cpu.cfs_period_us")));
                    }
                }
            }
            out.add(new Candidate(true, root.resolve("cpu.max"), null));
            for (var dir : List.of("cpu", "cpu,cpuacct", "cpuacct,cpu")) {
                out.add(new Candidate(false, root.resolve(dir).resolve("cpu.cfs_quota_us"),
                        root.resolve(dir).resolve("cpu.cfs_period_us")));
            }
            return out;
        }

        private static String readOrNull(Path p) {
            try {
                return Files.isReadable(p) ? Files.readString(p, StandardCharsets.UTF_8).trim() : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /**
     * Parses cgroup v2 {@code cpu.max} ({@code "$MAX $PERIOD"}, e.g. {@code "150000 100000"} = 1.5 CPUs);
     * empty when the quota is {@code max} or the text is malformed.
     */
    static OptionalDouble parseCpuMax(String text) {
        var parts = text.trim().split("\\s+");
        if (parts.length < 1 || parts[0].equals("max")) {
            return OptionalDouble.empty();
        }
        try {
            long quota = Long.parseLong(parts[0]);
            long period = parts.length > 1 ? Long.parseLong(parts[1]) : 100_000L;
            return quota > 0 && period > 0 ? OptionalDouble.of((double) quota / period) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Parses cgroup v1 {@code cpu.cfs_quota_us} and {@code cpu.cfs_period_us}; quota -1 means no limit. */
    static OptionalDouble parseCfs(String quotaText, String periodText) {
        try {
            long quota = Long.parseLong(quotaText.trim());
            long period = Long.parseLong(periodText.trim());
            return quota > 0 && period > 0 ? OptionalDouble.of((double) quota / period) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
