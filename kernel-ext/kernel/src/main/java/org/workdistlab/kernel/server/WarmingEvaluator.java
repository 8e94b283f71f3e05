package org.workdistlab.kernel.server;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator;

/**
 * An {@link Evaluator} that is built on a background thread as soon as the kernel starts, so that the first
 * {@code kernel_info_reply} never waits for JShell; the first request that needs the evaluator waits for it.
 * If building fails, every request reports the failure instead of hanging.
 */
public final class WarmingEvaluator implements Evaluator {

    private final CompletableFuture<Evaluator> delegate = new CompletableFuture<>();

    /** Starts building with {@code factory} on a daemon thread. */
    public WarmingEvaluator(Supplier<? extends Evaluator> factory) {
        var t = new Thread(() -> {
            try {
                delegate.complete(factory.get());
            } catch (Throwable e) {
                KernelLog.log("the evaluator failed to start", e);
                delegate.completeExceptionally(e);
            }
        }, "kernel-evaluator-warmup");
        t.setDaemon(true);
        t.start();
    }

    private Evaluator get() {
        try {
            return delegate.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the evaluator to start", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the Java evaluator failed to start: " + e.getCause()
                    + " (see the kernel log; check --classpath and --startup in kernel.json)", e.getCause());
        }
    }

    @Override
    public Outcome execute(String code, CellOutput output) {
        Evaluator e;
        try {
            e = get();
        } catch (IllegalStateException ex) {
            return new Outcome.Error("KernelStartError", ex.getMessage(), java.util.List.of(ex.getMessage()));
        }
        return e.execute(code, output);
    }

    @Override
    public Completion complete(String code, int cursor) {
        return get().complete(code, cursor);
    }

    @Override
    public Optional<MimeBundle> inspect(String code, int cursor, int detailLevel) {
        return get().inspect(code, cursor, detailLevel);
    }

    @Override
    public Completeness isComplete(String code) {
        return get().isComplete(code);
    }

    /** Harmless before the evaluator exists: there is no cell to stop. */
    @Override
    public void interrupt() {
        Evaluator e = ready();
        if (e != null) {
            e.interrupt();
        }
    }

    @Override
    public void close() {
        Evaluator e = ready();
        if (e != null) {
            e.close();
        }
    }

    /** The evaluator if it is built, else null (never waits, never throws). */
    private Evaluator ready() {
        return delegate.isDone() && !delegate.isCompletedExceptionally() ? delegate.join() : null;
    }
}
