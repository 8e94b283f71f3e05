package org.workdistlab.grader.fork;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps the first {@code cap} bytes written to it and counts the rest. Thread-safe. */
final class CappedBuffer {

    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;

    CappedBuffer(int cap) {
        this.cap = cap;
    }

    synchronized void write(byte[] b, int off, int len) {
        total += len;
        int room = cap - kept.size();
        if (room > 0) {
            kept.write(b, off, Math.min(room, len));
        }
    }

    synchronized String text() {
        return kept.toString(StandardCharsets.UTF_8);
    }

    synchronized long total() {
        return total;
    }
}
