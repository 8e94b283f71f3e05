package org.workdistlab.kernel.display;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator.CellOutput;

/**
 * Routes everything cells print or display to the {@link CellOutput} of the most recent cell, as ipykernel does:
 * output from a thread a cell started still arrives after the cell has finished, in the latest cell.
 *
 * <p>{@link #install()} replaces {@code System.out} and {@code System.err} once per JVM. Each thread writes into
 * its own line buffer, so characters of two threads never interleave within a line; a buffer is handed on at a
 * newline, at an explicit {@code flush()}, when it grows past {@value #MAX_LINE_BYTES} bytes, and at the end of a
 * cell ({@link #flushAll}). Handed-on text goes through one queue to a dispatcher thread, which coalesces
 * neighbouring text of the same stream into large chunks and calls the frontend. Writers only wait when the
 * frontend is more than {@value #MAX_PENDING_CHARS} characters behind, and then for at most 2 s per write: output is
 * never dropped, and a slow frontend slows printing threads rather than the heap growing without bound.
 *
 * <p>The kernel's own diagnostics go to {@link #originalErr()}, which is the process's real stderr.
 */
public final class OutputRouter {

    static final int MAX_LINE_BYTES = 64 * 1024;
    static final long MAX_PENDING_CHARS = 8L * 1024 * 1024;
    static final long MAX_WRITER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static volatile OutputRouter installed;

    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private final Set<LineBuffer> nonEmpty = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<LineBuffer> outBuffers;
    private final ThreadLocal<LineBuffer> errBuffers;
    private final Thread dispatcher;
    private volatile CellOutput target;
    private long pendingChars;
    private long enqueued;
    private long delivered;

    private OutputRouter(PrintStream originalOut, PrintStream originalErr) {
        this.originalOut = originalOut;
        this.originalErr = originalErr;
        this.outBuffers = ThreadLocal.withInitial(() -> new LineBuffer("stdout"));
        this.errBuffers = ThreadLocal.withInitial(() -> new LineBuffer("stderr"));
        // Started from the installing thread's group, never from a cell's, so interrupting cells cannot stop it.
        this.dispatcher = new Thread(this::dispatchLoop, "wdl-output-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Replaces {@code System.out}/{@code System.err} with routing streams on the first call; idempotent. */
    public static synchronized OutputRouter install() {
        if (installed == null) {
            // The real file descriptors, so even an earlier System.setOut by a test harness is not captured twice.
            var out = System.out;
            var err = System.err;
            var router = new OutputRouter(out != null ? out : new PrintStream(new FileOutputStream(FileDescriptor.out)),
                    err != null ? err : new PrintStream(new FileOutputStream(FileDescriptor.err)));
            System.setOut(new PrintStream(router.new RoutingStream(true), false, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(router.new RoutingStream(false), false, StandardCharsets.UTF_8));
            installed = router;
            // What threads printed without a newline must not vanish when the JVM exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> router.flushAll(2_000), "wdl-output-flush"));
        }
        return installed;
    }

    /** The stderr the process had before {@link #install()}: where kernel diagnostics belong. */
    public PrintStream originalErr() {
        return originalErr;
    }

    /** The stdout the process had before {@link #install()}. */
    public PrintStream originalOut() {
        return originalOut;
    }

    /** Sends all further output to {@code output} (null: to the original streams). */
    public synchronized void route(CellOutput output) {
        this.target = output;
    }

    /** Sends output back to the original streams if it still goes to {@code output} (an evaluator closing). */
    public synchronized void unroute(CellOutput output) {
        if (target == output) {
            target = null;
        }
    }

    /** Where output currently goes. */
    public CellOutput target() {
        return target;
    }

    /**
     * Hands on every thread's partial line and waits (up to {@code timeoutMillis}) until the frontend has received
     * everything queued so far. Called at the end of a cell so its output precedes its reply.
     */
    public void flushAll(long timeoutMillis) {
        for (var buffer : nonEmpty) {
            buffer.flush();
        }
        awaitDelivered(timeoutMillis);
    }

    /** Publishes a rich output in order with the text this thread printed before. */
    public void display(MimeBundle bundle, String displayId, boolean update) {
        flushCurrentThread();
        enqueue(new Item(target, null, null, bundle, displayId, update, false, false), 1);
    }

    /** Clears the current cell's output, in order with text this thread printed before. */
    public void clearOutput(boolean wait) {
        flushCurrentThread();
        enqueue(new Item(target, null, null, null, null, false, true, wait), 1);
    }

    private void flushCurrentThread() {
        if (Thread.currentThread() == dispatcher) {
            return;
        }
        outBuffers.get().flush();
        errBuffers.get().flush();
    }

    private void awaitDelivered(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        lock.lock();
        try {
            long goal = enqueued;
            while (delivered < goal) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    originalErr.println("kernel: output still queued after " + timeoutMillis + " ms; continuing");
                    return;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Item item, long chars) {
        lock.lock();
        try {
            // Back-pressure instead of dropping output; the dispatcher itself must never wait for itself. The wait
            // is bounded: a writer holds its PrintStream's lock here, and a frontend that itself printed through
            // that stream would otherwise deadlock with it. Past the bound the queue simply grows.
            long deadline = System.nanoTime() + MAX_WRITER_WAIT_NANOS;
            while (pendingChars > MAX_PENDING_CHARS && Thread.currentThread() != dispatcher) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            queue.add(item);
            pendingChars += chars;
            enqueued++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void dispatchLoop() {
        var batch = new ArrayList<Item>();
        while (true) {
            lock.lock();
            try {
                while (queue.isEmpty()) {
                    changed.awaitUninterruptibly();
                }
                batch.addAll(queue);
                queue.clear();
            } finally {
                lock.unlock();
            }
            deliver(batch);
            long chars = 0;
            for (var item : batch) {
                chars += item.text == null ? 1 : item.text.length();
            }
            lock.lock();
            try {
                pendingChars -= chars;
                delivered += batch.size();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            batch.clear();
        }
    }

    private void deliver(List<Item> batch) {
        int i = 0;
        while (i < batch.size()) {
            var item = batch.get(i);
            try {
                if (item.text != null) {
                    // Coalesce a run of text for the same stream and target into one message.
                    var text = new StringBuilder(item.text);
                    int j = i + 1;
                    while (j < batch.size() && batch.get(j).text != null && batch.get(j).target == item.target
                            && batch.get(j).stream.equals(item.stream)) {
                        text.append(batch.get(j).text);
                        j++;
                    }
                    i = j;
                    if (item.target == null) {
                        (item.stream.equals("stderr") ? originalErr : originalOut).print(text);
                    } else {
                        item.target.stream(item.stream, text.toString());
                    }
                    continue;
                }
                if (item.target == null) {
                    if (item.bundle != null) {
                        originalOut.println(item.bundle.plainText());
                    }
                } else if (item.bundle != null) {
                    item.target.display(item.bundle, item.displayId, item.update);
                } else if (item.clear) {
                    item.target.clearOutput(item.clearWait);
                }
            } catch (RuntimeException e) {
                originalErr.println("kernel: a frontend output call failed: " + e);
            }
            i++;
        }
    }

    private record Item(CellOutput target, String stream, String text, MimeBundle bundle, String displayId,
                        boolean update, boolean clear, boolean clearWait) {
    }

    /** One thread's pending bytes for one stream. Only its thread appends; any thread may flush it. */
    private final class LineBuffer {
        private final String stream;
        private byte[] bytes = new byte[256];
        private int size;

        LineBuffer(String stream) {
            this.stream = stream;
        }

        synchronized void write(byte[] b, int off, int len) {
            ensure(size + len);
            System.arraycopy(b, off, bytes, size, len);
            int oldSize = size;
            size += len;
            if (oldSize == 0 && size > 0) {
                nonEmpty.add(this);
            }
            int lastNewline = -1;
            for (int i = size - 1; i >= oldSize; i--) {
                if (bytes[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline >= 0) {
                emit(lastNewline + 1);
            } else if (size > MAX_LINE_BYTES) {
                emit(utf8Boundary(size));
            }
        }

        synchronized void flush() {
            if (size > 0) {
                emit(size);
            }
        }

        /** Hands on the first {@code n} bytes (a whole number of UTF-8 characters) and keeps the rest. */
        private void emit(int n) {
            var text = new String(bytes, 0, n, StandardCharsets.UTF_8);
            System.arraycopy(bytes, n, bytes, 0, size - n);
            size -= n;
            if (size == 0) {
                nonEmpty.remove(this);
                if (bytes.length > 64 * 1024) {
                    bytes = new byte[256];
                }
            }
            enqueue(new Item(target, stream, text, null, null, false, false, false), text.length());
        }

        /** The largest prefix length not ending inside a multi-byte UTF-8 sequence. */
        private int utf8Boundary(int n) {
            int i = n;
            // Step back over continuation bytes (10xxxxxx) to the lead byte of the last character.
            while (i > 0 && (bytes[i - 1] & 0xC0) == 0x80 && n - i < 3) {
                i--;
            }
            if (i > 0 && (bytes[i - 1] & 0x80) != 0) {
                int lead = bytes[i - 1] & 0xFF;
                int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                if (n - (i - 1) < need) {
                    return i - 1;
                }
            }
            return n;
        }

        private void ensure(int capacity) {
            if (capacity > bytes.length) {
                var grown = new byte[Math.max(capacity, bytes.length * 2)];
                System.arraycopy(bytes, 0, grown, 0, size);
                bytes = grown;
            }
        }
    }

    /** The byte sink behind the replacement {@code System.out}/{@code System.err}. */
    private final class RoutingStream extends OutputStream {
        private final boolean out;

        RoutingStream(boolean out) {
            this.out = out;
        }

        private LineBuffer buffer() {
            return (out ? outBuffers : errBuffers).get();
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (Thread.currentThread() == dispatcher) {
                // A frontend that prints while delivering must not wait on the queue it is draining.
                (out ? originalOut : originalErr).write(b, off, len);
                return;
            }
            buffer().write(b, off, len);
        }

        @Override
        public void flush() {
            if (Thread.currentThread() != dispatcher) {
                buffer().flush();
            }
        }
    }
}
