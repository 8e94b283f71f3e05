package org.workdistlab.kernel.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator;
import org.workdistlab.kernel.eval.Evaluator.Completeness;
import org.workdistlab.kernel.eval.Evaluator.Outcome;
import org.workdistlab.kernel.protocol.Header;
import org.workdistlab.kernel.protocol.Message;
import org.workdistlab.kernel.protocol.Messages;
import org.workdistlab.kernel.protocol.Messages.ClearOutputMessage;
import org.workdistlab.kernel.protocol.Messages.CommInfoReply;
import org.workdistlab.kernel.protocol.Messages.CompleteReply;
import org.workdistlab.kernel.protocol.Messages.CompleteRequest;
import org.workdistlab.kernel.protocol.Messages.DisplayDataMessage;
import org.workdistlab.kernel.protocol.Messages.ErrorMessage;
import org.workdistlab.kernel.protocol.Messages.ExecuteInputMessage;
import org.workdistlab.kernel.protocol.Messages.ExecuteReply;
import org.workdistlab.kernel.protocol.Messages.ExecuteRequest;
import org.workdistlab.kernel.protocol.Messages.ExecuteResultMessage;
import org.workdistlab.kernel.protocol.Messages.HelpLink;
import org.workdistlab.kernel.protocol.Messages.HistoryReply;
import org.workdistlab.kernel.protocol.Messages.HistoryRequest;
import org.workdistlab.kernel.protocol.Messages.InspectReply;
import org.workdistlab.kernel.protocol.Messages.InspectRequest;
import org.workdistlab.kernel.protocol.Messages.InterruptReply;
import org.workdistlab.kernel.protocol.Messages.IsCompleteReply;
import org.workdistlab.kernel.protocol.Messages.IsCompleteRequest;
import org.workdistlab.kernel.protocol.Messages.KernelInfoReply;
import org.workdistlab.kernel.protocol.Messages.LanguageInfo;
import org.workdistlab.kernel.protocol.Messages.ShutdownReply;
import org.workdistlab.kernel.protocol.Messages.ShutdownRequest;
import org.workdistlab.kernel.protocol.Messages.StatusMessage;
import org.workdistlab.kernel.protocol.Messages.UpdateDisplayDataMessage;
import org.workdistlab.kernel.protocol.Wire;
import org.workdistlab.kernel.zmq.KernelSockets;

/**
 * Serves one kernel session: reads shell and control, dispatches by message type, publishes on iopub.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li><b>shell</b> blocks on the shell socket and runs one request at a time, cells included (Jupyter
 *       serialises shell requests; ipykernel does the same);</li>
 *   <li><b>control</b> blocks on the control socket and stays live while a cell runs, so
 *       {@code interrupt_request} reaches {@link Evaluator#interrupt} at once and {@code shutdown_request} ends
 *       the kernel even mid-cell;</li>
 *   <li><b>iopub</b> (see {@link IoPub}) sends every broadcast, in enqueue order.</li>
 * </ul>
 * Every handler runs inside busy → work → idle with idle in {@code finally}; a handler that throws is logged
 * and answered with an error reply, and the loop goes on. Unknown types are logged and ignored.
 *
 * <h2>Output routing</h2>
 * A cell's output carries the cell's request as parent. Output from threads a cell started that arrives after
 * the cell ended goes with the latest execute request, as in ipykernel.
 */
public final class KernelServer implements AutoCloseable {

    /** Longest wait for queued output to leave when the kernel stops. */
    static final Duration STOP_FLUSH = Duration.ofMillis(300);

    @FunctionalInterface
    private interface Handler {
        void handle(Message request, Channel channel);
    }

    /** Where a reply goes back: the socket the request came in on. */
    private enum Channel { SHELL, CONTROL }

    private final KernelSockets sockets;
    private final Wire wire;
    private final Evaluator evaluator;
    private final String session = UUID.randomUUID().toString();
    private final IoPub iopub;
    private final History history = new History();
    private final Map<String, Handler> shellHandlers = new LinkedHashMap<>();
    private final Map<String, Handler> controlHandlers = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final KernelInfoReply kernelInfo = kernelInfo();
    private final CellOutputToIopub cellOutput = new CellOutputToIopub();
    private final Thread shellThread;
    private final Thread controlThread;

    /** Written by the shell thread only; volatile because a System.exit hook reads it for its last reply. */
    private volatile int executionCount;
    /** The request whose cell is running (null between cells): a System.exit hook answers it. */
    private volatile Message runningExecute;
    /** The latest execute request: parent of output that arrives outside any cell. */
    private volatile Message latestExecute;
    private volatile boolean restartRequested;

    public KernelServer(KernelSockets sockets, Wire wire, Evaluator evaluator) {
        this.sockets = sockets;
        this.wire = wire;
        this.evaluator = evaluator;
        this.iopub = new IoPub(session, m -> sockets.publish(wire.encode(m)), sockets::closeIopub);

        shellHandlers.put("kernel_info_request", this::onKernelInfoRequest);
        shellHandlers.put("execute_request", this::onExecuteRequest);
        shellHandlers.put("complete_request", this::onCompleteRequest);
        shellHandlers.put("inspect_request", this::onInspectRequest);
        shellHandlers.put("is_complete_request", this::onIsCompleteRequest);
        shellHandlers.put("history_request", this::onHistoryRequest);
        shellHandlers.put("comm_info_request", this::onCommInfoRequest);
        // Older clients send these two on shell; the spec moved them to control.
        shellHandlers.put("shutdown_request", this::onShutdownRequest);
        shellHandlers.put("interrupt_request", this::onInterruptRequest);

        controlHandlers.put("shutdown_request", this::onShutdownRequest);
        controlHandlers.put("interrupt_request", this::onInterruptRequest);
        controlHandlers.put("kernel_info_request", this::onKernelInfoRequest);

        shellThread = new Thread(this::serveShell, "kernel-shell");
        controlThread = new Thread(this::serveControl, "kernel-control");
        // Daemons: a cell's stuck thread must never keep a kernel that was told to stop alive.
        shellThread.setDaemon(true);
        controlThread.setDaemon(true);
    }

    /** Starts serving: publishes {@code starting}, then answers requests. */
    public KernelServer start() {
        iopub.publish(null, "status", new StatusMessage("starting"));
        controlThread.start();
        shellThread.start();
        return this;
    }

    /** The display sink cells should write to (also used by {@code Display} via the evaluator). */
    public Evaluator.CellOutput cellOutput() {
        return cellOutput;
    }

    /**
     * Blocks until a {@code shutdown_request} has been answered and the sockets are closing.
     *
     * @return whether the client asked for a restart (the client restarts the process; we just exit)
     */
    public boolean awaitShutdown() throws InterruptedException {
        stopped.await();
        return restartRequested;
    }

    /** Like {@link #awaitShutdown()} with a limit; false when the kernel did not stop in time. */
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    // ---- loops ----

    private void serveShell() {
        try {
            serve("shell", sockets::receiveShell, m -> dispatch(m, Channel.SHELL, shellHandlers));
        } finally {
            sockets.closeShell();
        }
    }

    private void serveControl() {
        try {
            serve("control", sockets::receiveControl, m -> dispatch(m, Channel.CONTROL, controlHandlers));
        } finally {
            sockets.closeControl();
            if (stopping.get()) {
                finishStop();
            }
        }
    }

    /**
     * Receives and dispatches until the sockets close (or, on control, a shutdown was served). A failure around
     * one message is logged and the loop goes on: one bad message must not take the channel down.
     */
    private void serve(String channel, java.util.function.Supplier<Optional<List<byte[]>>> receive,
                       java.util.function.Consumer<Message> handle) {
        while (!(stopping.get() && channel.equals("control"))) {
            try {
                Optional<List<byte[]>> frames = receive.get();
                if (frames.isEmpty()) {
                    return;
                }
                decode(frames.get(), channel).ifPresent(handle);
            } catch (RuntimeException e) {
                if (stopping.get() || sockets.isClosed()) {
                    return;
                }
                KernelLog.log("the " + channel + " loop survived a failure", e);
            }
        }
    }

    private Optional<Message> decode(List<byte[]> frames, String channel) {
        try {
            return Optional.of(wire.decode(frames));
        } catch (Wire.BadMessageException e) {
            // Never executed, never answered: an unsigned or forged message gets no information back.
            KernelLog.log("dropped a message on " + channel + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private void dispatch(Message request, Channel channel, Map<String, Handler> handlers) {
        Handler handler = handlers.get(request.type());
        if (handler == null) {
            KernelLog.log("ignored unknown message type '" + request.type() + "' on " + channel);
            return;
        }
        iopub.publish(request, "status", new StatusMessage("busy"));
        try {
            handler.handle(request, channel);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            KernelLog.log("handler for " + request.type() + " failed", e);
            if (request.type().endsWith("_request")) {
                String replyType = request.type().replace("_request", "_reply");
                var content = new LinkedHashMap<String, Object>();
                content.put("status", Messages.ERROR);
                content.put("ename", e.getClass().getSimpleName());
                content.put("evalue", String.valueOf(e.getMessage()));
                content.put("traceback", List.of(String.valueOf(e)));
                reply(request, channel, replyType, content);
            }
        } finally {
            iopub.publish(request, "status", new StatusMessage("idle"));
        }
    }

    private void reply(Message request, Channel channel, String type, Object content) {
        var frames = wire.encode(request.reply(session, type, content));
        if (channel == Channel.SHELL) {
            sockets.sendShell(frames);
        } else {
            sockets.sendControl(frames);
        }
    }

    // ---- handlers: each unpacks the request, asks the evaluator, sends the reply ----

    private void onKernelInfoRequest(Message request, Channel channel) {
        reply(request, channel, "kernel_info_reply", kernelInfo);
    }

    private void onExecuteRequest(Message request, Channel channel) {
        ExecuteRequest req = request.content(ExecuteRequest.class);
        String code = req.code() == null ? "" : req.code();
        if (req.storesHistory()) {
            executionCount++;
        }
        int count = executionCount;
        if (!req.silentMode()) {
            iopub.publish(request, "execute_input", new ExecuteInputMessage(code, count));
        }
        latestExecute = request;
        runningExecute = request;
        Outcome outcome;
        try {
            outcome = evaluator.execute(code, cellOutput);
        } finally {
            runningExecute = null;
        }
        if (outcome instanceof Outcome.Ok ok) {
            String plain = ok.value().map(MimeBundle::plainText).orElse(null);
            if (ok.value().isPresent() && !req.silentMode()) {
                MimeBundle v = ok.value().get();
                iopub.publish(request, "execute_result", new ExecuteResultMessage(count, v.data(), v.metadata()));
            }
            if (req.storesHistory()) {
                history.add(count, code, plain);
            }
            var exprs = userExpressions(req.userExpressions());
            reply(request, channel, "execute_reply", ExecuteReply.ok(count, ok.payloads(), exprs));
        } else {
            ErrorMessage err = errorOf(outcome);
            if (req.storesHistory()) {
                history.add(count, code, null);
            }
            iopub.publish(request, "error", err);
            // Take what is queued *before* replying: whatever the client sends after it saw the error must run.
            List<Message> queued = req.stopsOnError() && channel == Channel.SHELL ? drainQueuedShell() : List.of();
            reply(request, channel, "execute_reply",
                    ExecuteReply.error(count, err.ename(), err.evalue(), err.traceback()));
            abortExecutes(queued);
        }
    }

    /** Shell messages already waiting behind the current one, without blocking. */
    private List<Message> drainQueuedShell() {
        var queued = new java.util.ArrayList<Message>();
        for (Optional<List<byte[]>> f; (f = sockets.pollShell()).isPresent(); ) {
            decode(f.get(), "shell").ifPresent(queued::add);
        }
        return queued;
    }

    /**
     * After a failed cell with {@code stop_on_error}, answers the execute requests that were queued behind it with
     * status aborted (the notebook's "run all" stops at the first error); other requests are served normally.
     */
    private void abortExecutes(List<Message> queued) {
        for (Message m : queued) {
            if (m.type().equals("execute_request")) {
                iopub.publish(m, "status", new StatusMessage("busy"));
                try {
                    reply(m, Channel.SHELL, "execute_reply", ExecuteReply.aborted(executionCount));
                } finally {
                    iopub.publish(m, "status", new StatusMessage("idle"));
                }
            } else {
                dispatch(m, Channel.SHELL, shellHandlers);
            }
        }
    }

    /** Evaluates each expression as a silent snippet; its result or error goes into the reply, never to iopub. */
    private Map<String, Object> userExpressions(Map<String, String> expressions) {
        if (expressions == null || expressions.isEmpty()) {
            return Map.of();
        }
        var results = new LinkedHashMap<String, Object>();
        var discard = new DiscardingOutput();
        expressions.forEach((name, expr) -> {
            Outcome o = evaluator.execute(expr, discard);
            Map<String, Object> r = new LinkedHashMap<>();
            if (o instanceof Outcome.Ok ok) {
                MimeBundle v = ok.value().orElse(MimeBundle.text(""));
                r.put("status", Messages.OK);
                r.put("data", v.data());
                r.put("metadata", v.metadata());
            } else {
                ErrorMessage err = errorOf(o);
                r.put("status", Messages.ERROR);
                r.put("ename", err.ename());
                r.put("evalue", err.evalue());
                r.put("traceback", err.traceback());
            }
            results.put(name, r);
        });
        return results;
    }

    private void onCompleteRequest(Message request, Channel channel) {
        CompleteRequest req = request.content(CompleteRequest.class);
        String code = req.code() == null ? "" : req.code();
        int cursor = utf16Offset(code, req.cursorPos());
        Evaluator.Completion c = evaluator.complete(code, cursor);
        reply(request, channel, "complete_reply", new CompleteReply(Messages.OK, c.matches(),
                codePointOffset(code, c.cursorStart()), codePointOffset(code, c.cursorEnd()), Map.of()));
    }

    private void onInspectRequest(Message request, Channel channel) {
        InspectRequest req = request.content(InspectRequest.class);
        String code = req.code() == null ? "" : req.code();
        Optional<MimeBundle> found = evaluator.inspect(code, utf16Offset(code, req.cursorPos()), req.detailLevel());
        reply(request, channel, "inspect_reply", new InspectReply(Messages.OK, found.isPresent(),
                found.map(MimeBundle::data).orElse(Map.of()), found.map(MimeBundle::metadata).orElse(Map.of())));
    }

    private void onIsCompleteRequest(Message request, Channel channel) {
        IsCompleteRequest req = request.content(IsCompleteRequest.class);
        Completeness c = evaluator.isComplete(req.code() == null ? "" : req.code());
        String status = c.status().name().toLowerCase(java.util.Locale.ROOT);
        String indent = c.status() == Completeness.Status.INCOMPLETE ? (c.indent() == null ? "" : c.indent()) : null;
        reply(request, channel, "is_complete_reply", new IsCompleteReply(status, indent));
    }

    private void onHistoryRequest(Message request, Channel channel) {
        HistoryRequest req = request.content(HistoryRequest.class);
        boolean output = Boolean.TRUE.equals(req.output());
        String type = req.histAccessType() == null ? "tail" : req.histAccessType();
        List<List<Object>> rows = switch (type) {
            case "range" -> history.range(req.session(), req.start(), req.stop(), output);
            case "search" -> history.search(req.pattern(), Boolean.TRUE.equals(req.unique()), req.n(), output);
            default -> history.tail(req.n(), output);
        };
        reply(request, channel, "history_reply", new HistoryReply(Messages.OK, rows));
    }

    private void onCommInfoRequest(Message request, Channel channel) {
        reply(request, channel, "comm_info_reply", new CommInfoReply(Messages.OK, Map.of()));
    }

    private void onInterruptRequest(Message request, Channel channel) {
        evaluator.interrupt();
        reply(request, channel, "interrupt_reply", new InterruptReply(Messages.OK));
    }

    private void onShutdownRequest(Message request, Channel channel) {
        ShutdownRequest req = request.content(ShutdownRequest.class);
        restartRequested = req.restart();
        var content = new ShutdownReply(Messages.OK, req.restart());
        reply(request, channel, "shutdown_reply", content);
        // Spec 5.4 also broadcasts it, so that every client learns the kernel is going.
        iopub.publish(request, "shutdown_reply", content);
        stopping.set(true);
        // A running cell would hold the shell thread; stop it so the sockets can close.
        evaluator.interrupt();
        if (channel == Channel.SHELL) {
            // The control thread is blocked in receive; terminating the context wakes it.
            finishStop();
        }
        // On control, the loop sees stopping after this request's idle and finishes the stop itself.
    }

    /** Flushes iopub, closes the sockets and releases whoever waits in {@link #awaitShutdown}. */
    private void finishStop() {
        try {
            iopub.close(STOP_FLUSH);
            var closer = new Thread(sockets::close, "kernel-close");
            closer.setDaemon(true);
            closer.start();
            // Context termination waits for the shell thread; a cell that ignores the interrupt must not hold up
            // the exit, so wait only briefly (the process exits after this anyway).
            closer.join(STOP_FLUSH.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Ends the session from outside (tests, JVM shutdown): like a shutdown request without a reply. Does not close
     * the evaluator; its owner does.
     */
    @Override
    public void close() {
        if (stopping.compareAndSet(false, true)) {
            evaluator.interrupt();
            finishStop();
        }
    }

    /**
     * Answers a cell that took the JVM down with {@code System.exit}: called from a shutdown hook. The shell
     * thread is stuck inside the cell, so the reply is sent from here; the client gets an error instead of
     * waiting for a reply that would never come.
     */
    public void reportExit() {
        if (stopping.get()) {
            return;
        }
        Message running = runningExecute;
        String text = "The cell called System.exit: the Java kernel process is ending. Jupyter restarts the kernel "
                + "(definitions are lost); avoid System.exit in cells.";
        Message parent = running != null ? running : latestExecute;
        if (running != null) {
            var tb = List.of(text);
            iopub.publish(running, "error", new ErrorMessage("SystemExit", text, tb));
            sockets.sendShell(wire.encode(running.reply(session, "execute_reply",
                    ExecuteReply.error(executionCount, "SystemExit", text, tb))));
            iopub.publish(running, "status", new StatusMessage("idle"));
        } else {
            iopub.stream(parent, "stderr", text + "\n");
        }
        iopub.flush(STOP_FLUSH);
        try {
            // ZeroMQ has no per-message flush: give its I/O thread a moment to write the reply before the JVM halts.
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- helpers ----

    /** The error content for a failed or interrupted cell. */
    private static ErrorMessage errorOf(Outcome outcome) {
        if (outcome instanceof Outcome.Error err) {
            return new ErrorMessage(err.ename(), err.evalue(), err.traceback());
        }
        String message = outcome instanceof Outcome.Interrupted stop ? stop.message() : String.valueOf(outcome);
        return new ErrorMessage("Interrupted", message, List.of(message));
    }

    /** Protocol 5.2+ cursor positions count code points; Java strings index UTF-16 units. */
    static int utf16Offset(String code, Integer codePoints) {
        if (codePoints == null) {
            return code.length();
        }
        int cp = Math.max(0, Math.min(codePoints, code.codePointCount(0, code.length())));
        return code.offsetByCodePoints(0, cp);
    }

    static int codePointOffset(String code, int utf16) {
        return code.codePointCount(0, Math.max(0, Math.min(utf16, code.length())));
    }

    private static KernelInfoReply kernelInfo() {
        String jdk = System.getProperty("java.version");
        return new KernelInfoReply(Messages.OK, Header.PROTOCOL_VERSION, "workdistlab-java", implementationVersion(),
                new LanguageInfo("java", jdk, "text/x-java-source", ".java", "text/x-java", "java", "script"),
                "Java " + jdk + " (JShell) kernel of Work Distribution Lab\n"
                        + "Type Java as in JShell; %lsmagic lists magics; Tab completes, Shift-Tab shows docs.",
                false,
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                        new HelpLink("JShell guide",
                                "https://docs.oracle.com/en/java/javase/17/jshell/introduction-jshell.html")));
    }

    private static String implementationVersion() {
        String v = KernelServer.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0" : v;
    }

    /** Publishes a cell's output on iopub under the running (or latest) execute request. */
    private final class CellOutputToIopub implements Evaluator.CellOutput {
        private Message parent() {
            Message m = runningExecute;
            return m != null ? m : latestExecute;
        }

        @Override
        public void stream(String name, String text) {
            iopub.stream(parent(), "stderr".equals(name) ? "stderr" : "stdout", text);
        }

        @Override
        public void display(MimeBundle bundle, String displayId, boolean update) {
            Map<String, Object> transientData = displayId == null ? Map.of() : Map.of("display_id", displayId);
            if (update) {
                iopub.publish(parent(), "update_display_data",
                        new UpdateDisplayDataMessage(bundle.data(), bundle.metadata(), transientData));
            } else {
                iopub.publish(parent(), "display_data",
                        new DisplayDataMessage(bundle.data(), bundle.metadata(), transientData));
            }
        }

        @Override
        public void clearOutput(boolean wait) {
            iopub.publish(parent(), "clear_output", new ClearOutputMessage(wait));
        }
    }

    /** For user expressions: their side output is not part of the cell. */
    private static final class DiscardingOutput implements Evaluator.CellOutput {
        @Override
        public void stream(String name, String text) {
        }

        @Override
        public void display(MimeBundle bundle, String displayId, boolean update) {
        }

        @Override
        public void clearOutput(boolean wait) {
        }
    }
}
