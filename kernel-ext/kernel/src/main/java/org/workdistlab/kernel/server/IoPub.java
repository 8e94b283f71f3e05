package org.workdistlab.kernel.server;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.workdistlab.kernel.protocol.Message;
import org.workdistlab.kernel.protocol.Messages.StreamMessage;

/**
 * The iopub channel's single sender. Any thread may enqueue; one thread sends, so messages leave in the order
 * they were enqueued, and a status {@code idle} enqueued after a cell's output always follows that output.
 *
 * <p>Stream text is coalesced: consecutive chunks for the same stream and parent that are already queued leave
 * as one {@code stream} message (up to {@link #MAX_STREAM_CHARS}). Nothing waits for a timer, so a lone
 * {@code println} leaves at once while a cell printing megabytes sends few, large messages. The queue is
 * bounded ({@link #CAPACITY}), so a cell that prints faster than the socket drains is slowed, not the heap
 * filled.
 */
final class IoPub implements AutoCloseable {

    /** Events that may wait in the queue before producers block. */
    static final int CAPACITY = 8192;
    /** Largest stream message built by coalescing. */
    static final int MAX_STREAM_CHARS = 1 << 20;

    private sealed interface Event {
    }

    private record Send(Message message) implements Event {
    }

    private record Text(Message parent, String name, String text) implements Event {
    }

    private record Flush(CountDownLatch done) implements Event {
    }

    private record Stop() implements Event {
    }

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Consumer<Message> sender;
    private final String session;
    private final Runnable onStop;
    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param sender  sends one message on the socket; called from the iopub thread only
     * @param onStop  runs on the iopub thread after its last send (closes the socket)
     */
    IoPub(String session, Consumer<Message> sender, Runnable onStop) {
        this.session = session;
        this.sender = sender;
        this.onStop = onStop;
        this.thread = new Thread(this::run, "kernel-iopub");
        thread.setDaemon(true);
        thread.start();
    }

    /** Publishes {@code content} as {@code msgType}, child of {@code parent} (may be null). */
    void publish(Message parent, String msgType, Object content) {
        enqueue(new Send(Message.broadcast(session, parent, msgType, content)));
    }

    /** Appends stream text for {@code parent}; {@code name} is stdout or stderr. */
    void stream(Message parent, String name, String text) {
        if (!text.isEmpty()) {
            enqueue(new Text(parent, name, text));
        }
    }

    /** Waits until everything enqueued before this call has been handed to the socket, or {@code timeout}. */
    boolean flush(Duration timeout) {
        var done = new CountDownLatch(1);
        if (!enqueue(new Flush(done))) {
            return false;
        }
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean enqueue(Event e) {
        if (stopped) {
            return false;
        }
        try {
            queue.put(e);
            return true;
        } catch (InterruptedException ie) {
            // The cell thread was interrupted while blocked on a full queue: drop this chunk rather than block on.
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        try {
            while (true) {
                Event e = queue.take();
                if (e instanceof Stop) {
                    break;
                }
                handle(e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            for (Event e; (e = queue.poll()) != null; ) {
                if (e instanceof Flush f) {
                    f.done().countDown();
                }
            }
            onStop.run();
        }
    }

    private void handle(Event e) {
        try {
            if (e instanceof Send s) {
                sender.accept(s.message());
            } else if (e instanceof Text t) {
                sendCoalesced(t);
            } else if (e instanceof Flush f) {
                f.done().countDown();
            }
        } catch (RuntimeException ex) {
            KernelLog.log("iopub: could not send a message", ex);
        }
    }

    private void sendCoalesced(Text first) {
        var text = new StringBuilder(first.text());
        while (text.length() < MAX_STREAM_CHARS && queue.peek() instanceof Text next
                && next.parent() == first.parent() && next.name().equals(first.name())) {
            queue.poll();
            text.append(next.text());
        }
        sender.accept(Message.broadcast(session, first.parent(), "stream",
                new StreamMessage(first.name(), text.toString())));
    }

    /** Sends what is queued, then stops the thread (which closes the socket). Returns within {@code timeout}. */
    void close(Duration timeout) {
        if (stopped) {
            return;
        }
        try {
            if (queue.offer(new Stop(), timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }
}
