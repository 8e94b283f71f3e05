package org.workdistlab.kernel.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator;

/**
 * A tiny language for protocol tests (the real JShell evaluator is tested by its own suite): each line of a cell
 * is one command.
 * <ul>
 *   <li>{@code print TEXT} / {@code eprint TEXT}: stdout / stderr text with a newline</li>
 *   <li>{@code value TEXT}: the cell's value is TEXT</li>
 *   <li>{@code display TEXT} / {@code update ID TEXT} / {@code clear}: rich output</li>
 *   <li>{@code page TEXT}: a pager payload</li>
 *   <li>{@code fail NAME}: the cell throws NAME</li>
 *   <li>{@code block}: waits until {@link #interrupt} (or {@link #release})</li>
 * </ul>
 * Completion returns the words in the code that start with the word before the cursor; inspect finds any word;
 * is_complete: a trailing {@code {} is incomplete, a lone {@code )} invalid.
 */
final class ScriptedEvaluator implements Evaluator {

    final AtomicInteger executed = new AtomicInteger();
    final List<String> codes = new ArrayList<>();
    final CountDownLatch blocking = new CountDownLatch(1);
    private final Semaphore wake = new Semaphore(0);
    final AtomicInteger interrupts = new AtomicInteger();
    volatile boolean closed;
    /** The output the last cell was given, kept the way a cell's worker thread keeps printing after the cell. */
    volatile CellOutput lastOutput;

    @Override
    public Outcome execute(String code, CellOutput out) {
        executed.incrementAndGet();
        lastOutput = out;
        synchronized (codes) {
            codes.add(code);
        }
        Optional<MimeBundle> value = Optional.empty();
        var payloads = new ArrayList<Map<String, Object>>();
        for (String line : code.split("\n")) {
            String[] w = line.split(" ", 2);
            String arg = w.length > 1 ? w[1] : "";
            switch (w[0]) {
                case "print" -> out.stream("stdout", arg + "\n");
                case "eprint" -> out.stream("stderr", arg + "\n");
                case "value" -> value = Optional.of(MimeBundle.text(arg));
                case "display" -> out.display(MimeBundle.html("<b>" + arg + "</b>", arg), "d1", false);
                case "update" -> out.display(MimeBundle.text(arg), "d1", true);
                case "clear" -> out.clearOutput(false);
                case "page" -> payloads.add(Map.of("source", "page", "data", Map.of("text/plain", arg), "start", 0));
                case "fail" -> {
                    return new Outcome.Error(arg, "cell failed", List.of(arg + ": cell failed", "\tat line 1"));
                }
                case "block" -> {
                    wake.drainPermits();
                    interrupts.set(0);
                    blocking.countDown();
                    wake.acquireUninterruptibly();
                    if (interrupts.get() > 0) {
                        return new Outcome.Interrupted("Interrupted: the cell was stopped");
                    }
                }
                default -> {
                    // blank or unknown lines are no-ops
                }
            }
        }
        return new Outcome.Ok(value, payloads);
    }

    /** Lets a blocked cell finish normally. */
    void release() {
        wake.release();
    }

    @Override
    public Completion complete(String code, int cursor) {
        int start = cursor;
        while (start > 0 && Character.isLetterOrDigit(code.charAt(start - 1))) {
            start--;
        }
        String prefix = code.substring(start, cursor);
        var matches = new ArrayList<String>();
        for (String word : List.of("println", "printf", "print", "value")) {
            if (word.startsWith(prefix)) {
                matches.add(word);
            }
        }
        return new Completion(matches, start, cursor);
    }

    @Override
    public Optional<MimeBundle> inspect(String code, int cursor, int detailLevel) {
        return code.isBlank() ? Optional.empty() : Optional.of(MimeBundle.text("doc of " + code.trim()));
    }

    @Override
    public Completeness isComplete(String code) {
        if (code.trim().equals(")")) {
            return new Completeness(Completeness.Status.INVALID, "");
        }
        if (code.trim().endsWith("{")) {
            return new Completeness(Completeness.Status.INCOMPLETE, "    ");
        }
        return new Completeness(Completeness.Status.COMPLETE, "");
    }

    @Override
    public void interrupt() {
        interrupts.incrementAndGet();
        wake.release();
    }

    @Override
    public void close() {
        closed = true;
    }
}
