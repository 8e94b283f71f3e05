package org.workdistlab.grader.fork;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Where {@code System.out} and {@code System.err} go inside the fork: the first {@code keepBytes} bytes printed
 * during a check are kept for its report, the rest only counted. Printing megabytes costs the learner nothing but
 * the excess and never blocks a pipe.
 */
final class OutputCapture extends OutputStream {

    private final int keepBytes;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    OutputCapture(int keepBytes) {
        this.keepBytes = keepBytes;
    }

    @Override
    public synchronized void write(int b) {
        total++;
        if (kept.size() < keepBytes) {
            kept.write(b);
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int room = keepBytes - kept.size();
        if (room > 0) {
            kept.write(b, off, Math.min(room, len));
        }
    }

    /** What was printed since the last drain (the kept part) and how many bytes in total; then starts afresh. */
    synchronized Drained drain() {
        var d = new Drained(kept.toString(StandardCharsets.UTF_8), total);
        kept.reset();
        total = 0;
        return d;
    }

    record Drained(String text, long totalBytes) {
    }
}
