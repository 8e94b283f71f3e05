package org.workdistlab.grader.fork;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.ExerciseInfo;
import org.workdistlab.grader.ExerciseInfo.CheckInfo;
import org.workdistlab.grader.events.EventCodec;
import org.workdistlab.grader.events.ForkEvent;
import org.workdistlab.grader.events.GradeListener;

/**
 * Runs an exercise's checks in forked JVMs, one submission per runner, and reports every check to a
 * {@link GradeListener} exactly once.
 *
 * <h2>Trust</h2>
 * The fork's stdout carries events, each line prefixed by a random token the parent writes to the fork's stdin
 * (read and discarded before learner code loads). Inside the fork {@code System.out/err} are redirected, so learner
 * printing never reaches the event stream; the JVM's own output (crash and OOM messages) lands in capped buffers.
 * The parent decides every score from token-bearing events only.
 *
 * <h2>Limits</h2>
 * Per check: the fork's watchdog reports a check that overruns (with a thread report) and halts; the parent waits
 * that limit plus {@link #GRACE} before it kills the fork itself. Total: when the total limit passes, the fork is
 * killed and checks not yet run are NOT_RUN. Memory: {@code -Xmx} with {@code -XX:+ExitOnOutOfMemoryError}.
 *
 * <h2>Re-forking</h2>
 * When a fork dies or is stopped during a check, that check is charged with it (ERROR or TIMED_OUT, with the
 * reason) and a new fork runs the checks that remain, so later checks are still graded. Each re-fork has at least
 * one check fewer, so this ends. A fork that dies outside any check without progress ends grading with an error.
 */
public final class ForkRunner {

    /** How long past a check's limit the parent waits for the fork's watchdog before killing the fork itself. */
    public static final Duration GRACE = Duration.ofSeconds(10);
    /** Longest silence allowed outside any check (JVM start, suite setup) before the fork is stopped. */
    public static final Duration BETWEEN_CHECKS = Duration.ofSeconds(60);
    /** Bytes of the JVM's own stdout/stderr kept (the rest is drained and counted). */
    public static final int STRAY_OUTPUT_CAP = 64 * 1024;
    /** Longest event line accepted; longer lines are not events. */
    static final int MAX_LINE = 1 << 20;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * How to start forks.
     *
     * @param java               the {@code java} executable
     * @param classpath          the fork's class path (grader, its dependencies, the compiled submission)
     * @param heap               the {@code -Xmx} value, e.g. {@code "256m"}
     * @param totalLimit         time for all forks together
     * @param checkLimitOverride if positive, every check's limit; else each check's {@code timeoutSeconds}
     * @param systemProperties   {@code -D} properties for the fork (submission location, implementation names)
     * @param workDir            the fork's working directory and {@code java.io.tmpdir}
     */
    public record Config(Path java, List<Path> classpath, String heap, Duration totalLimit,
                         Duration checkLimitOverride, Map<String, String> systemProperties, Path workDir) {
        public Config {
            Objects.requireNonNull(java, "java must not be null");
            classpath = List.copyOf(classpath);
            systemProperties = Map.copyOf(systemProperties);
        }
    }

    private final Config config;
    private final GradeListener listener;

    public ForkRunner(Config config, GradeListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /** Runs {@code checks} of {@code exercise}; every one ends in exactly one {@code checkFinished}. */
    public void run(ExerciseInfo exercise, List<CheckInfo> checks) {
        long totalDeadline = System.nanoTime() + config.totalLimit().toNanos();
        var remaining = new LinkedHashMap<String, CheckInfo>();
        checks.forEach(c -> remaining.put(c.id(), c));
        int fork = 0;
        while (!remaining.isEmpty()) {
            if (System.nanoTime() >= totalDeadline) {
                String why = "not run: the total time limit of " + seconds(config.totalLimit()) + " was used up";
                listener.problem("total time limit of " + seconds(config.totalLimit()) + " reached; "
                        + remaining.size() + (remaining.size() == 1 ? " check" : " checks") + " did not run");
                remaining.keySet().forEach(id -> lost(id, Outcome.NOT_RUN, why, 0));
                return;
            }
            fork++;
            Attempt attempt = new Attempt(exercise, new ArrayList<>(remaining.values()), totalDeadline, fork);
            attempt.run();
            attempt.finished.forEach(remaining::remove);
            if (attempt.charged != null) {
                remaining.remove(attempt.charged);
            } else if (attempt.finished.isEmpty() && !remaining.isEmpty() && !attempt.outOfTime) {
                String why = "not run: the forked JVM stopped before this check (" + attempt.reason + ")";
                listener.problem("the forked JVM stopped before running any check: " + attempt.reason);
                remaining.keySet().forEach(id -> lost(id, Outcome.ERROR, why, 0));
                return;
            }
        }
    }

    private void lost(String id, Outcome outcome, String message, long millis) {
        listener.checkFinished(new ForkEvent.CheckFinished(id, outcome, message, millis, Optional.empty(), Map.of(),
                Optional.empty(), "", 0));
    }

    /** One fork and what became of it. */
    private final class Attempt {
        final ExerciseInfo exercise;
        final List<CheckInfo> checks;
        final long totalDeadline;
        final int number;
        final List<String> finished = new ArrayList<>();
        final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        final CappedBuffer stray = new CappedBuffer(STRAY_OUTPUT_CAP);
        final String token = HexFormat.of().formatHex(bytes());
        String charged;
        String reason = "";
        boolean outOfTime;

        Attempt(ExerciseInfo exercise, List<CheckInfo> checks, long totalDeadline, int number) {
            this.exercise = exercise;
            this.checks = checks;
            this.totalDeadline = totalDeadline;
            this.number = number;
        }

        void run() {
            listener.forkStarted(number, checks.stream().map(CheckInfo::id).toList());
            Process process;
            try {
                process = new ProcessBuilder(command()).directory(config.workDir().toFile()).start();
            } catch (IOException e) {
                reason = "could not start " + config.java() + ": " + e.getMessage();
                return;
            }
            Thread out = drain(process.getInputStream(), true, "wdl-fork-stdout");
            Thread err = drain(process.getErrorStream(), false, "wdl-fork-stderr");
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write((token + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // the fork died at once; its exit code tells why
            }
            String current = null;
            long currentStart = 0;
            long currentDeadline = Long.MAX_VALUE;
            long lastEvent = System.nanoTime();
            String exitDetail = null;
            String killedFor = null;
            Outcome killedOutcome = null;
            while (true) {
                long now = System.nanoTime();
                // between checks (suite setup, JVM start) the fork must say something within BETWEEN_CHECKS
                long idleDeadline = current == null ? lastEvent + BETWEEN_CHECKS.toNanos() : Long.MAX_VALUE;
                long wait = Math.min(Math.min(totalDeadline, currentDeadline), idleDeadline) - now;
                Object item;
                try {
                    item = wait <= 0 ? null : inbox.poll(wait, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    killedFor = "grading was interrupted";
                    killedOutcome = Outcome.ERROR;
                    break;
                }
                if (item == null) {
                    if (System.nanoTime() >= totalDeadline) {
                        outOfTime = true;
                        killedFor = "the total time limit of " + seconds(config.totalLimit()) + " ran out";
                        killedOutcome = Outcome.TIMED_OUT;
                        if (current != null) {
                            listener.problem("total time limit of " + seconds(config.totalLimit())
                                    + " reached during check '" + current + "'");
                        }
                    } else if (current == null) {
                        killedFor = "the fork stayed silent between checks for " + seconds(BETWEEN_CHECKS)
                                + " (a suite setup or a constructor that never returns?)";
                        killedOutcome = Outcome.ERROR;
                        listener.problem("stopped a fork that " + killedFor.substring("the fork ".length()));
                    } else {
                        killedFor = "still running after " + seconds(Duration.ofNanos(System.nanoTime()
                                - currentStart)) + " and the fork did not answer its watchdog, so there is no thread"
                                + " report";
                        killedOutcome = Outcome.TIMED_OUT;
                    }
                    break;
                }
                if (item == EOF) {
                    break;
                }
                lastEvent = System.nanoTime();
                ForkEvent event = (ForkEvent) item;
                if (event instanceof ForkEvent.Hello h) {
                    listener.forkReady(h);
                } else if (event instanceof ForkEvent.CheckStarted s) {
                    CheckInfo info = find(s.checkId());
                    if (info == null || finished.contains(s.checkId())) {
                        continue;
                    }
                    current = s.checkId();
                    currentStart = System.nanoTime();
                    long limit = config.checkLimitOverride() != null && !config.checkLimitOverride().isZero()
                            ? config.checkLimitOverride().toNanos() : TimeUnit.SECONDS.toNanos(info.timeoutSeconds());
                    currentDeadline = currentStart + limit + GRACE.toNanos();
                    listener.checkStarted(current);
                } else if (event instanceof ForkEvent.CheckFinished f) {
                    if (find(f.checkId()) == null || finished.contains(f.checkId())) {
                        continue;
                    }
                    finished.add(f.checkId());
                    listener.checkFinished(f);
                    if (f.checkId().equals(current)) {
                        current = null;
                        currentDeadline = Long.MAX_VALUE;
                    }
                } else if (event instanceof ForkEvent.Exiting x) {
                    exitDetail = x.detail();
                }
            }
            if (killedFor != null) {
                kill(process);
            }
            int code = waitFor(process);
            join(out);
            join(err);
            listener.forkEnded(number, code, stray.text());
            if (current != null) {
                long ran = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - currentStart);
                String message;
                Outcome outcome;
                if (killedFor != null) {
                    outcome = killedOutcome;
                    message = "check '" + current + "' was stopped: " + killedFor;
                } else if (code == ForkExit.OUT_OF_MEMORY || stray.text().contains("OutOfMemoryError")) {
                    outcome = Outcome.ERROR;
                    message = "check '" + current + "' ran out of memory (heap limit " + config.heap()
                            + "): look for a collection that grows without bound";
                } else if (exitDetail != null) {
                    outcome = Outcome.ERROR;
                    message = "check '" + current + "' ended the JVM with exit code " + code + ": " + exitDetail
                            + "; an exercise never needs to exit the JVM";
                } else {
                    outcome = Outcome.ERROR;
                    message = "the forked JVM died while check '" + current + "' ran: " + ForkExit.describe(code)
                            + lastLine(stray.text());
                }
                charged = current;
                lost(current, outcome, message, ran);
            }
            reason = killedFor != null ? killedFor : ForkExit.describe(code) + lastLine(stray.text());
        }

        private CheckInfo find(String id) {
            return checks.stream().filter(c -> c.id().equals(id)).findFirst().orElse(null);
        }

        private List<String> command() {
            var cmd = new ArrayList<String>();
            cmd.add(config.java().toString());
            cmd.add("-Xmx" + config.heap());
            cmd.add("-XX:+ExitOnOutOfMemoryError");
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:-UsePerfData");
            cmd.add("-Xss1m");
            cmd.add("-Djava.awt.headless=true");
            cmd.add("-Dfile.encoding=UTF-8");
            cmd.add("-Djava.io.tmpdir=" + config.workDir());
            config.systemProperties().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
            cmd.add("-cp");
            cmd.add(String.join(java.io.File.pathSeparator, config.classpath().stream().map(Path::toString).toList()));
            cmd.add(ForkMain.class.getName());
            cmd.add(exercise.suiteClass());
            Duration override = config.checkLimitOverride();
            cmd.add(String.valueOf(override == null ? 0 : override.toMillis()));
            checks.forEach(c -> cmd.add(c.method()));
            return cmd;
        }

        private Thread drain(InputStream in, boolean events, String name) {
            Thread t = new Thread(() -> {
                try (in) {
                    if (events) {
                        readLines(in);
                    } else {
                        byte[] buf = new byte[8192];
                        for (int n; (n = in.read(buf)) > 0; ) {
                            stray.write(buf, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // the fork is gone
                } finally {
                    if (events) {
                        inbox.add(EOF);
                    }
                }
            }, name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        /** Splits stdout into lines without ever holding more than {@link #MAX_LINE} bytes of one line. */
        private void readLines(InputStream in) throws IOException {
            byte[] prefix = (token + " ").getBytes(StandardCharsets.US_ASCII);
            var line = new java.io.ByteArrayOutputStream();
            boolean overlong = false;
            byte[] buf = new byte[8192];
            for (int n; (n = in.read(buf)) > 0; ) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        if (!overlong) {
                            line.write(buf, start, i - start);
                        }
                        accept(line.toByteArray(), prefix, overlong);
                        line.reset();
                        overlong = false;
                        start = i + 1;
                    }
                }
                if (!overlong) {
                    line.write(buf, start, n - start);
                    if (line.size() > MAX_LINE) {
                        stray.write(line.toByteArray(), 0, line.size());
                        line.reset();
                        overlong = true;
                    }
                } else {
                    stray.write(buf, start, n - start);
                }
            }
            if (line.size() > 0) {
                accept(line.toByteArray(), prefix, overlong);
            }
        }

        private void accept(byte[] line, byte[] prefix, boolean overlong) {
            if (!overlong && startsWith(line, prefix)) {
                String json = new String(line, prefix.length, line.length - prefix.length, StandardCharsets.UTF_8);
                Optional<ForkEvent> event = EventCodec.decode(json);
                if (event.isPresent()) {
                    inbox.add(event.get());
                    return;
                }
            }
            stray.write(line, 0, line.length);
            stray.write(new byte[] {'\n'}, 0, 1);
        }
    }

    private static final Object EOF = new Object();

    private static byte[] bytes() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private static boolean startsWith(byte[] line, byte[] prefix) {
        if (line.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (line[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Stops the fork and everything it started. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static int waitFor(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            return -1;
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String lastLine(String text) {
        var lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : "; it printed: " + lines.get(lines.size() - 1);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
