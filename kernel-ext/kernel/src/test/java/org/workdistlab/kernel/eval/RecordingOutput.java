package org.workdistlab.kernel.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.workdistlab.display.MimeBundle;

/** A frontend stand-in that records every call, in order. Thread-safe. */
public final class RecordingOutput implements Evaluator.CellOutput {

    /** One recorded call. */
    public record Event(String kind, String stream, String text, MimeBundle bundle, String displayId, boolean flag) {
    }

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void stream(String name, String text) {
        events.add(new Event("stream", name, text, null, null, false));
        notifyAll();
    }

    @Override
    public synchronized void display(MimeBundle bundle, String displayId, boolean update) {
        events.add(new Event("display", null, null, bundle, displayId, update));
        notifyAll();
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        events.add(new Event("clear", null, null, null, null, wait));
        notifyAll();
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized String text(String stream) {
        var sb = new StringBuilder();
        for (var e : events) {
            if (e.kind().equals("stream") && e.stream().equals(stream)) {
                sb.append(e.text());
            }
        }
        return sb.toString();
    }

    public String stdout() {
        return text("stdout");
    }

    public String stderr() {
        return text("stderr");
    }

    /** Waits until {@code condition} holds for the stdout text; a generous deadline only guards against hangs. */
    public synchronized boolean awaitStdout(Predicate<String> condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.test(stdout())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
