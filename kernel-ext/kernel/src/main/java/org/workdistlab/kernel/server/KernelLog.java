package org.workdistlab.kernel.server;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/**
 * The kernel's own log: the process's standard error as it was at start-up (Jupyter shows it in the server's
 * console). Captured early because the evaluator redirects {@code System.err} into cell output.
 */
public final class KernelLog {

    private static volatile PrintStream out = System.err;

    private KernelLog() {
    }

    /** Call before anything redirects {@code System.err}. */
    public static void captureStandardError() {
        out = System.err;
    }

    public static void log(String message) {
        out.println("[java-kernel " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + "] " + message);
        out.flush();
    }

    public static void log(String message, Throwable t) {
        log(message + ": " + t);
        t.printStackTrace(out);
        out.flush();
    }
}
