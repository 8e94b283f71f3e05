package org.workdistlab.grader.fork;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.workdistlab.grader.events.EventCodec;
import org.workdistlab.grader.events.ForkEvent;

/**
 * The fork's side of the event channel: the process's real stdout, opened before any learner class loads, each
 * event one line prefixed by the per-fork token. {@code System.out} is redirected elsewhere, so ordinary printing
 * never reaches this stream; a learner who writes to file descriptor 1 directly still cannot produce a line the
 * parent accepts without the token, which only this object holds.
 */
final class EventChannel {

    private final OutputStream out;
    private final String token;

    EventChannel(String token) {
        this(token, new FileOutputStream(FileDescriptor.out));
    }

    EventChannel(String token, OutputStream out) {
        this.token = token;
        this.out = out;
    }

    /** Writes one event line and flushes it; the parent reads it even if the JVM dies right after. */
    synchronized void send(ForkEvent event) {
        byte[] line = (token + " " + EventCodec.encode(event) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            // The parent is gone (it killed us or died): nobody to tell.
            Runtime.getRuntime().halt(ForkExit.INTERNAL_ERROR);
        }
    }
}
