package org.workdistlab.kernel.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.workdistlab.display.Display;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.display.Renderers;
import org.workdistlab.kernel.display.KernelDisplayBackend;
import org.workdistlab.kernel.display.OutputRouter;
import org.workdistlab.kernel.magic.KernelMagicContext;
import org.workdistlab.kernel.magic.MagicRegistry;
import org.workdistlab.kernel.spi.Magic;

/**
 * The {@link Evaluator} of the Java kernel: JShell with local execution, so a cell's value is a real object the
 * kernel renders with {@link Renderers}, and JShell's own {@code stop()} ends runaway cells on JDK 17 and 21+.
 *
 * <pre>{@code
 * var evaluator = JShellEvaluator.start(JShellEvaluator.Options.builder()
 *         .classPath(Path.of("lib/lab.jar"))
 *         .startupScript(Path.of("startup.jsh"))
 *         .build());                          // returns at once; JShell warms up in the background
 * var outcome = evaluator.execute("1 + 1", output);   // waits for the warm-up, then runs the cell
 * }</pre>
 *
 * <p>Cells run one at a time on a dedicated thread in the thread group {@code wdl-cells}; JShell runs each snippet
 * in a fresh child group of it, so every thread a cell starts (unless it names another group) lives in one of
 * those child groups. {@link #interrupt()} uses that: JShell's {@code stop()} for the running snippet, then an
 * interrupt to every thread in the child groups, and on JDK 17 (where it still exists) {@code Thread.stop} for
 * those still running. JShell's own helper threads sit directly in {@code wdl-cells} and are left alone.
 *
 * <p>Cell rules: a cell is split into snippets with {@link SourceCodeAnalysis#analyzeCompletion}; they run in
 * order and the first error ends the cell. The cell's value is that of its last snippet when that is an
 * expression (including a method call that returns a value) or an assignment; declarations ({@code int x = 1;},
 * methods, classes) show nothing, as in IJava, because their effect is the definition, not a value.
 */
public final class JShellEvaluator implements Evaluator {

    /** How long the end of a cell waits for its queued output to reach the frontend before replying anyway. */
    private static final long OUTPUT_DRAIN_MILLIS = 60_000;

    /**
     * Construction options.
     *
     * @param classPath      jars and folders the cells compile and run against (besides the kernel API)
     * @param startupScripts {@code .jsh} files run once at start, after the imports; a failure is reported on the
     *                       first cell's stderr, never fatal
     * @param imports        imports run at start, without {@code import} and {@code ;}, e.g. {@code "java.util.*"}
     *                       or {@code "static org.workdistlab.display.Display.*"}
     */
    public record Options(List<Path> classPath, List<Path> startupScripts, List<String> imports) {

        /** The imports every kernel starts with. */
        public static final List<String> DEFAULT_IMPORTS = List.of("java.util.*", "java.util.concurrent.*",
                "java.util.concurrent.atomic.*", "java.time.*", "static org.workdistlab.display.Display.*");

        public Options {
            classPath = List.copyOf(classPath);
            startupScripts = List.copyOf(startupScripts);
            imports = List.copyOf(imports);
        }

        public static Builder builder() {
            return new Builder();
        }

        /** Builds {@link Options}; starts with no extra class path, no scripts and {@link #DEFAULT_IMPORTS}. */
        public static final class Builder {
            private final List<Path> classPath = new ArrayList<>();
            private final List<Path> startupScripts = new ArrayList<>();
            private final List<String> imports = new ArrayList<>(DEFAULT_IMPORTS);

            public Builder classPath(Path... entries) {
                classPath.addAll(List.of(entries));
                return this;
            }

            public Builder classPath(List<Path> entries) {
                classPath.addAll(entries);
                return this;
            }

            public Builder startupScript(Path script) {
                startupScripts.add(Objects.requireNonNull(script, "script"));
                return this;
            }

            /** Adds an import such as {@code "java.util.function.*"} (no {@code import} keyword, no semicolon). */
            public Builder addImport(String importTarget) {
                imports.add(Objects.requireNonNull(importTarget, "import"));
                return this;
            }

            /** Replaces all imports, including the defaults. */
            public Builder imports(List<String> replacement) {
                imports.clear();
                imports.addAll(replacement);
                return this;
            }

            public Options build() {
                return new Options(classPath, startupScripts, imports);
            }
        }
    }

    private final Options options;
    private final OutputRouter router;
    private final ThreadGroup cellsGroup;
    private final Thread runner;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService interrupter;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private final AtomicInteger cellCount = new AtomicInteger();
    private final Map<String, Tracebacks.SnippetLocation> locations = new ConcurrentHashMap<>();
    private final Map<String, String> varClasses = new ConcurrentHashMap<>();
    private final StringBuilder startupMessages = new StringBuilder();
    private final Map<String, String> javadocCache = new ConcurrentHashMap<>();

    private volatile boolean running;
    private volatile CellOutput lastOutput;
    private volatile boolean closed;
    private volatile JShell jshell;
    private volatile SourceCodeAnalysis analysis;
    private volatile KernelExecutionControl control;
    private volatile CellLoaderDelegate delegate;
    private volatile Renderers renderers;
    private volatile MagicRegistry magics;
    /** Only touched on the runner thread. */
    private List<Map<String, Object>> payloads = new ArrayList<>();
    private Outcome.Error magicFailure;

    private JShellEvaluator(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        this.router = OutputRouter.install();
        ThreadGroup kernelGroup = Thread.currentThread().getThreadGroup();
        this.cellsGroup = new ThreadGroup("wdl-cells");
        this.runner = new Thread(cellsGroup, this::runLoop, "wdl-cell-runner");
        runner.setDaemon(true);
        this.interrupter = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(kernelGroup, r, "wdl-interrupter");
            t.setDaemon(true);
            return t;
        });
        runner.start();
        submit(() -> {
            initialize();
            return null;
        });
    }

    /**
     * Creates an evaluator and starts JShell and its warm-up in the background; returns at once, so a kernel can
     * answer {@code kernel_info} meanwhile. {@link #execute} and the analysis methods wait until it is ready.
     */
    public static JShellEvaluator start(Options options) {
        return new JShellEvaluator(options);
    }

    /** {@link #start} with default options. */
    public static JShellEvaluator start() {
        return start(Options.builder().build());
    }

    /** Completes when JShell is built, imports and startup scripts have run, and the first compile is warm. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Blocks until {@link #ready()}; a failed start surfaces as an {@link IllegalStateException}. */
    public void awaitReady() {
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for JShell to start", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("JShell failed to start: " + e.getCause(), e.getCause());
        }
    }

    /** The process's original stderr, for the kernel's own diagnostics (cells' stderr goes to the frontend). */
    public PrintStream diagnostics() {
        return router.originalErr();
    }

    /** The loader of cell classes and {@code %classpath} jars (a child of the kernel's loader). */
    public ClassLoader cellClassLoader() {
        awaitReady();
        return delegate.loader();
    }

    // ---------------------------------------------------------------- execution

    @Override
    public Outcome execute(String code, CellOutput output) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(output, "output");
        if (closed) {
            return new Outcome.Error("KernelClosed", "the evaluator is closed", List.of("the evaluator is closed"));
        }
        router.route(output);
        lastOutput = output;
        var future = submit(() -> runCell(code));
        Outcome outcome;
        boolean wasInterrupted = false;
        while (true) {
            try {
                outcome = future.get();
                break;
            } catch (InterruptedException e) {
                // The caller gave up waiting: stop the cell, then still wait for it so cells never overlap.
                wasInterrupted = true;
                interrupt();
            } catch (ExecutionException e) {
                var cause = e.getCause();
                router.originalErr().println("kernel: cell failed inside the evaluator: " + cause);
                outcome = new Outcome.Error(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()),
                        List.of("kernel error: " + cause));
                break;
            }
        }
        router.flushAll(OUTPUT_DRAIN_MILLIS);
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
        return outcome;
    }

    private Outcome runCell(String code) {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            var why = ready.handle((v, e) -> e == null ? "not ready" : String.valueOf(e)).join();
            return new Outcome.Error("KernelStartupError", why, List.of("JShell failed to start: " + why));
        }
        int cell = cellCount.incrementAndGet();
        payloads = new ArrayList<>();
        magicFailure = null;
        interruptRequested.set(false);
        running = true;
        try {
            if (startupMessages.length() > 0) {
                System.err.print(startupMessages);
                System.err.flush();
                startupMessages.setLength(0);
            }
            Optional<MimeBundle> last = Optional.empty();
            for (var part : CellParser.parse(code)) {
                if (interruptRequested.get()) {
                    return interrupted();
                }
                Step step;
                if (part instanceof CellParser.Java java) {
                    step = evalJava(code, java.source(), java.offset(), cell);
                } else if (part instanceof CellParser.LineMagic m) {
                    step = runMagic(magics.line(m.name()), "%" + m.name(), m.args(), "", code, m.offset());
                } else if (part instanceof CellParser.CellMagic m) {
                    step = runMagic(magics.cell(m.name()), "%%" + m.name(), m.args(), m.body(), code,
                            code.indexOf('\n', m.offset()) + 1);
                } else {
                    var h = (CellParser.Help) part;
                    step = runMagic(magics.line("help"), "%help", h.target(), "", code, h.offset());
                }
                if (step.failure() != null) {
                    return step.failure();
                }
                last = step.value();
            }
            if (interruptRequested.get()) {
                return interrupted();
            }
            return new Outcome.Ok(last, List.copyOf(payloads));
        } finally {
            running = false;
            System.out.flush();
            System.err.flush();
        }
    }

    private static Outcome.Interrupted interrupted() {
        return new Outcome.Interrupted("Interrupted: the cell was stopped");
    }

    /** A part's result: a value, or the outcome that ends the cell. */
    private record Step(Optional<MimeBundle> value, Outcome failure) {
        static final Step EMPTY = new Step(Optional.empty(), null);

        static Step fail(Outcome outcome) {
            return new Step(Optional.empty(), outcome);
        }
    }

    /** Runs the snippets of {@code source}, which starts at {@code offset} in {@code cellText}. */
    private Step evalJava(String cellText, String source, int offset, int cell) {
        String rest = source;
        int pos = 0;
        Step last = Step.EMPTY;
        while (!rest.isBlank()) {
            if (interruptRequested.get()) {
                return Step.fail(interrupted());
            }
            // JShell numbers a snippet's lines from its first non-blank character, so start the snippet there.
            int blank = 0;
            while (Character.isWhitespace(rest.charAt(blank))) {
                blank++;
            }
            pos += blank;
            rest = rest.substring(blank);
            var info = analysis.analyzeCompletion(rest);
            String snippet;
            int consumed;
            switch (info.completeness()) {
                case EMPTY -> {
                    return last;
                }
                case COMPLETE, COMPLETE_WITH_SEMI, UNKNOWN -> {
                    snippet = info.source() != null ? info.source() : rest;
                    consumed = rest.length() - info.remaining().length();
                    if (consumed <= 0) {
                        consumed = rest.length();
                    }
                }
                default -> {
                    // Incomplete: compile it anyway so the user sees javac's message at the right place.
                    snippet = rest;
                    consumed = rest.length();
                }
            }
            last = evalSnippet(cellText, snippet, offset + pos, cell);
            if (last.failure() != null) {
                return last;
            }
            pos += consumed;
            rest = rest.substring(consumed);
        }
        return last;
    }

    private Step evalSnippet(String cellText, String source, int offset, int cell) {
        control.clearLastInvoked();
        List<SnippetEvent> events = jshell.eval(source);
        String invoked = control.lastInvokedClass();
        if (interruptRequested.get()) {
            return Step.fail(interrupted());
        }
        SnippetEvent main = null;
        for (var e : events) {
            if (e.causeSnippet() == null) {
                main = e;
                break;
            }
        }
        if (main == null) {
            return Step.EMPTY;
        }
        Snippet snippet = main.snippet();
        locations.put(snippet.id(), new Tracebacks.SnippetLocation(cell, CellParser.lineOf(cellText, offset)));
        if (main.status() == Snippet.Status.REJECTED) {
            var diags = jshell.diagnostics(snippet).toList();
            var traceback = new ArrayList<String>();
            traceback.add("CompilationError:");
            traceback.addAll(Tracebacks.compileError(cellText, offset, diags));
            if (traceback.size() == 1) {
                traceback.add("line " + CellParser.lineOf(cellText, offset) + ": this is not valid Java: "
                        + source.strip());
            }
            return Step.fail(new Outcome.Error("CompilationError",
                    Tracebacks.firstMessage(diags, "this is not valid Java") + " (line "
                            + lineOfFirstError(cellText, offset, diags) + ")", traceback));
        }
        if (main.exception() != null) {
            var thrown = main.exception();
            String qualified = Tracebacks.className(thrown);
            String message = thrown.getMessage();
            if (thrown instanceof UnresolvedReferenceException u) {
                qualified = "UnresolvedReferenceException";
                message = describe(u.getSnippet()) + " cannot be used until "
                        + String.join(", ", jshell.unresolvedDependencies(u.getSnippet()).toList())
                        + " is declared";
            }
            var traceback = Tracebacks.runtime(thrown, locations::get, cell);
            if (thrown instanceof UnresolvedReferenceException) {
                traceback.set(0, "UnresolvedReferenceException: " + message);
            }
            return Step.fail(new Outcome.Error(Tracebacks.simpleName(qualified),
                    message == null ? "" : message, traceback));
        }
        if (snippet instanceof DeclarationSnippet declaration
                && (main.status() == Snippet.Status.RECOVERABLE_DEFINED
                || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
            System.err.println("note: " + describe(declaration) + " was declared, but cannot be used until "
                    + String.join(", ", jshell.unresolvedDependencies(declaration).toList()) + " is declared");
            System.err.flush();
        }
        if (!main.status().isDefined()) {
            return Step.EMPTY;
        }
        if (snippet.kind() == Snippet.Kind.METHOD || snippet.kind() == Snippet.Kind.TYPE_DECL) {
            javadocCache.clear();
        }
        if (snippet instanceof VarSnippet variable && invoked != null) {
            varClasses.put(variable.id(), invoked);
            if (variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                return valueOf(invoked, variable.name(), main);
            }
            return Step.EMPTY;
        }
        if (snippet instanceof ExpressionSnippet expression) {
            var variable = jshell.variables().filter(v -> v.name().equals(expression.name()))
                    .filter(v -> jshell.status(v).isActive()).reduce((a, b) -> b);
            String className = variable.map(v -> varClasses.get(v.id())).orElse(null);
            if (className != null) {
                return valueOf(className, expression.name(), main);
            }
            return new Step(Optional.ofNullable(main.value()).map(MimeBundle::text), null);
        }
        return Step.EMPTY;
    }

    private static int lineOfFirstError(String cellText, int offset, List<jdk.jshell.Diag> diags) {
        long pos = diags.stream().filter(jdk.jshell.Diag::isError).mapToLong(d -> Math.max(0, d.getPosition()))
                .findFirst().orElse(0);
        return CellParser.lineOf(cellText, (int) Math.min(cellText.length(), offset + pos));
    }

    private Step valueOf(String className, String field, SnippetEvent event) {
        try {
            Object value = control.readStatic(className, field);
            return new Step(Optional.of(render(value)), null);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            router.originalErr().println("kernel: could not read " + className + "." + field + ": " + e);
            return new Step(Optional.ofNullable(event.value()).map(MimeBundle::text), null);
        }
    }

    private MimeBundle render(Object value) {
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        return renderers.render(value);
    }

    private static String describe(Snippet s) {
        if (s instanceof MethodSnippet m) {
            return "method " + m.name() + "(" + m.parameterTypes() + ")";
        }
        if (s instanceof TypeDeclSnippet t) {
            return "type " + t.name();
        }
        if (s instanceof VarSnippet v) {
            return "variable " + v.name();
        }
        return s.source().strip();
    }

    // ---------------------------------------------------------------- magics

    private Step runMagic(Optional<Magic> magic, String written, String args, String body, String cellText,
                          int bodyOffset) {
        if (magic.isEmpty()) {
            String msg = "unknown magic " + written + ": run %lsmagic to list the magics";
            return Step.fail(new Outcome.Error("UnknownMagic", msg, List.of(msg)));
        }
        magicFailure = null;
        try {
            var result = magic.get().run(args, body, new Context(cellText, bodyOffset));
            if (interruptRequested.get()) {
                return Step.fail(interrupted());
            }
            return new Step(result.map(this::render), null);
        } catch (Magic.MagicException e) {
            if (interruptRequested.get()) {
                return Step.fail(interrupted());
            }
            if (magicFailure != null) {
                return Step.fail(magicFailure);
            }
            return Step.fail(new Outcome.Error("MagicError", e.getMessage(), List.of(written + ": " + e.getMessage())));
        } catch (RuntimeException e) {
            var lines = new ArrayList<String>();
            lines.add(written + " failed: " + e);
            for (var f : e.getStackTrace()) {
                if (lines.size() > 6) {
                    break;
                }
                lines.add("\tat " + f);
            }
            return Step.fail(new Outcome.Error(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), lines));
        }
    }

    /** What magics may use; one per magic call, on the runner thread. */
    private final class Context implements KernelMagicContext {
        private final String cellText;
        private final int bodyOffset;

        Context(String cellText, int bodyOffset) {
            this.cellText = cellText;
            this.bodyOffset = bodyOffset;
        }

        @Override
        public Optional<MimeBundle> eval(String javaSource) throws Magic.MagicException {
            boolean isBody = cellText.startsWith(javaSource, bodyOffset);
            var step = isBody ? evalJava(cellText, javaSource, bodyOffset, cellCount.get())
                    : evalJava(javaSource, javaSource, 0, cellCount.get());
            if (step.failure() != null) {
                if (step.failure() instanceof Outcome.Error error) {
                    magicFailure = error;
                    throw new Magic.MagicException(error.ename() + ": " + error.evalue());
                }
                throw new Magic.MagicException("interrupted");
            }
            return step.value();
        }

        @Override
        public void addToClasspath(List<String> paths) throws Magic.MagicException {
            for (var p : paths) {
                if (!Files.exists(Path.of(p))) {
                    throw new Magic.MagicException("no such file or folder: " + p);
                }
            }
            for (var p : paths) {
                jshell.addToClasspath(Path.of(p).toAbsolutePath().toString());
            }
            loadServices();
        }

        @Override
        public void addPayload(Map<String, Object> payload) {
            payloads.add(Map.copyOf(payload));
        }

        @Override
        public List<Magic> magics() {
            return magics.all();
        }

        @Override
        public Optional<String> documentation(String name) {
            return documentationText(name, name.length(), name, true);
        }
    }

    // ---------------------------------------------------------------- analysis

    @Override
    public Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        if (!awaitQuietly() || running) {
            return new Completion(List.of(), at, at);
        }
        int lineStart = code.lastIndexOf('\n', at - 1) + 1;
        String linePrefix = code.substring(lineStart, at);
        String stripped = linePrefix.stripLeading();
        if (stripped.startsWith("%")) {
            return completeMagic(stripped, at);
        }
        var segment = segmentAt(code, at);
        if (segment == null) {
            return new Completion(List.of(), at, at);
        }
        int[] anchor = new int[1];
        // First the snippet up to the cursor: what follows on later lines may not belong to it (JShell would read
        // "s.toUpp\nint after = 1;" as one broken snippet); then the whole snippet.
        int inSegment = at - segment.start();
        var suggestions = analysis.completionSuggestions(segment.text().substring(0, inSegment), inSegment, anchor);
        if (suggestions.isEmpty() && inSegment < segment.text().length()) {
            suggestions = analysis.completionSuggestions(segment.text(), inSegment, anchor);
        }
        var typed = new LinkedHashSet<String>();
        var others = new LinkedHashSet<String>();
        for (var s : suggestions) {
            (s.matchesType() ? typed : others).add(s.continuation());
        }
        typed.addAll(others);
        return new Completion(List.copyOf(typed), segment.start() + anchor[0], at);
    }

    private Completion completeMagic(String stripped, int cursor) {
        boolean cell = stripped.startsWith("%%");
        String word = stripped.substring(cell ? 2 : 1);
        if (word.chars().anyMatch(Character::isWhitespace)) {
            return new Completion(List.of(), cursor, cursor);
        }
        var matches = new ArrayList<String>();
        for (var m : magics.all()) {
            if (m.isCellMagic() == cell && m.name().startsWith(word)) {
                matches.add((cell ? "%%" : "%") + m.name());
            }
        }
        return new Completion(matches, cursor - stripped.length(), cursor);
    }

    /** A snippet of the cell: its text and its offset in the cell. */
    private record Segment(String text, int start) {
    }

    /** The snippet containing {@code cursor} (JShell analyses one snippet at a time), or null in a magic. */
    private Segment segmentAt(String code, int cursor) {
        for (var part : CellParser.parse(code)) {
            if (!(part instanceof CellParser.Java java)) {
                if (part instanceof CellParser.CellMagic m) {
                    int bodyStart = code.indexOf('\n', m.offset()) + 1;
                    if (bodyStart > 0 && cursor >= bodyStart) {
                        return snippetIn(m.body(), bodyStart, cursor);
                    }
                }
                continue;
            }
            int end = java.offset() + java.source().length();
            if (cursor >= java.offset() && cursor <= end) {
                return snippetIn(java.source(), java.offset(), cursor);
            }
        }
        if (code.isBlank()) {
            return new Segment(code, 0);
        }
        return null;
    }

    private Segment snippetIn(String source, int offset, int cursor) {
        String rest = source;
        int start = offset;
        while (true) {
            var info = analysis.analyzeCompletion(rest);
            var c = info.completeness();
            if (!c.isComplete() || c == SourceCodeAnalysis.Completeness.EMPTY) {
                return new Segment(rest, start);
            }
            int consumed = rest.length() - info.remaining().length();
            if (consumed <= 0 || start + consumed >= cursor || info.remaining().isBlank()) {
                return new Segment(rest.substring(0, Math.max(consumed, cursor - start)), start);
            }
            start += consumed;
            rest = info.remaining();
        }
    }

    @Override
    public Optional<MimeBundle> inspect(String code, int cursor, int detailLevel) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        if (!awaitQuietly() || running) {
            return Optional.empty();
        }
        int start = at;
        while (start > 0 && isNameChar(code.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String name = code.substring(start, end).replaceAll("^\\.+|\\.+$", "");
        if (start > 0 && code.charAt(start - 1) == '%') {
            return magics.all().stream().filter(m -> m.name().equals(name)).map(Magic::help)
                    .reduce((a, b) -> a + "\n" + b).map(MimeBundle::text);
        }
        var segment = segmentAt(code, end);
        Optional<String> text = Optional.empty();
        if (segment != null) {
            text = documentationText(segment.text(), end - segment.start(), name, true);
        } else if (!name.isEmpty()) {
            text = documentationText(name, name.length(), name, true);
        }
        if (text.isPresent() && detailLevel == 0 && text.get().length() > 4000) {
            text = Optional.of(text.get().substring(0, 4000) + "\n... (detail level 1 shows all)");
        }
        return text.map(MimeBundle::text);
    }

    private static boolean isNameChar(char c) {
        return Character.isJavaIdentifierPart(c) || c == '.';
    }

    /**
     * Signatures and javadoc of {@code name(} (JShell documents a method name only with its parenthesis), else of
     * {@code name} (types, fields, variables), else of the source at the cursor (inside an argument list JShell
     * documents the invoked method).
     *
     * <p>Signatures are cheap; javadoc means JShell parses the class's source from {@code src.zip} (tens to hundreds
     * of milliseconds for {@code Math}), so javadoc is cached by signature. A cell that declares a method or type
     * clears the cache, since a snippet's own javadoc comment may change under the same signature.
     */
    private Optional<String> documentationText(String source, int cursor, String name, boolean javadoc) {
        // Each probe costs a parse and attribution, so try the likeliest first: the name as a method, then as a
        // type or variable, and only then the source around the cursor (which documents a call the cursor is in).
        var probes = new ArrayList<String>();
        var cursors = new ArrayList<Integer>();
        if (!name.isEmpty()) {
            probes.add(name + "(");
            cursors.add(name.length() + 1);
            probes.add(name);
            cursors.add(name.length());
        }
        probes.add(source);
        cursors.add(Math.min(cursor, source.length()));
        String probe = null;
        int at = 0;
        List<SourceCodeAnalysis.Documentation> docs = List.of();
        for (int i = 0; i < probes.size() && docs.isEmpty(); i++) {
            probe = probes.get(i);
            at = cursors.get(i);
            docs = analysis.documentation(probe, at, false);
        }
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        if (javadoc && docs.stream().anyMatch(d -> !javadocCache.containsKey(d.signature()))) {
            for (var d : analysis.documentation(probe, at, true)) {
                String text = d.javadoc() == null || d.javadoc().isBlank() ? "" : JavadocText.format(d.javadoc());
                if (javadocCache.size() > 2_000) {
                    javadocCache.clear();
                }
                javadocCache.put(d.signature(), text);
            }
        }
        var text = new StringBuilder();
        var javadocs = new LinkedHashSet<String>();
        for (var d : docs) {
            text.append(d.signature()).append('\n');
            String j = javadoc ? javadocCache.getOrDefault(d.signature(), "") : "";
            if (!j.isEmpty()) {
                javadocs.add(j);
            }
        }
        for (var j : javadocs) {
            text.append('\n').append(j).append('\n');
        }
        return Optional.of(text.toString());
    }

    @Override
    public Completeness isComplete(String code) {
        if (code.isBlank()) {
            return new Completeness(Completeness.Status.COMPLETE, "");
        }
        if (!awaitQuietly()) {
            return new Completeness(Completeness.Status.UNKNOWN, "");
        }
        for (var part : CellParser.parse(code)) {
            if (!(part instanceof CellParser.Java java)) {
                continue;
            }
            String rest = java.source();
            while (!rest.isBlank()) {
                var info = analysis.analyzeCompletion(rest);
                switch (info.completeness()) {
                    case EMPTY -> rest = "";
                    case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                    case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                        return new Completeness(Completeness.Status.INCOMPLETE, indentAfter(code));
                    }
                    default -> {
                        return new Completeness(Completeness.Status.INVALID, "");
                    }
                }
            }
        }
        return new Completeness(Completeness.Status.COMPLETE, "");
    }

    private static String indentAfter(String code) {
        String[] lines = code.split("\n", -1);
        String last = "";
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank()) {
                last = lines[i];
                break;
            }
        }
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        String end = last.strip();
        if (end.endsWith("{") || end.endsWith("(") || end.endsWith("->")) {
            indent += "    ";
        }
        return indent;
    }

    private boolean awaitQuietly() {
        try {
            awaitReady();
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- interrupt and close

    @Override
    public void interrupt() {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            return;
        }
        if (running) {
            interruptRequested.set(true);
        }
        stopCells();
        // A stop that lands while javac is still compiling the snippet finds no user code running and does
        // nothing, so keep stopping until the cell has ended (a few times a second, for at most 5 s).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        interrupter.schedule(new Runnable() {
            @Override
            public void run() {
                if (running && interruptRequested.get() && System.nanoTime() < deadline && !closed) {
                    stopCells();
                    interrupter.schedule(this, 50, TimeUnit.MILLISECONDS);
                }
            }
        }, 50, TimeUnit.MILLISECONDS);
    }

    private void stopCells() {
        var shell = jshell;
        if (shell != null) {
            try {
                shell.stop();
            } catch (IllegalStateException e) {
                // closed meanwhile
            }
        }
        // Instrumented loops (JDK 21+) in any thread, even when no cell runs.
        control.raiseStopFlag();
        CellThreads.interruptAll(cellsGroup);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            interrupt();
        }
        var done = submit(() -> {
            var shell = jshell;
            if (shell != null) {
                shell.close();
            }
            return null;
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            router.originalErr().println("kernel: JShell did not close cleanly: " + e);
        }
        tasks.add(() -> {
            throw new StopRunner();
        });
        interrupter.shutdownNow();
        var last = lastOutput;
        if (last != null) {
            router.flushAll(1_000);
            router.unroute(last);
        }
    }

    // ---------------------------------------------------------------- start-up

    private void initialize() {
        try {
            var d = new CellLoaderDelegate(JShellEvaluator.class.getClassLoader());
            var c = new KernelExecutionControl(d);
            var shell = JShell.builder()
                    .executionEngine(new KernelExecutionControl.Provider(c), Map.of())
                    .build();
            delegate = d;
            control = c;
            analysis = shell.sourceCodeAnalysis();
            jshell = shell;
            shell.addToClasspath(kernelApiLocation());
            for (var entry : options.classPath()) {
                if (Files.exists(entry)) {
                    shell.addToClasspath(entry.toAbsolutePath().toString());
                } else {
                    startupMessages.append("kernel: class path entry not found, skipped: ").append(entry)
                            .append('\n');
                }
            }
            loadServices();
            for (var imp : options.imports()) {
                var events = shell.eval("import " + imp + ";");
                if (events.stream().anyMatch(e -> e.status() == Snippet.Status.REJECTED)) {
                    startupMessages.append("kernel: import ").append(imp).append(" failed: ")
                            .append(shell.diagnostics(events.get(0).snippet())
                                    .map(x -> x.getMessage(java.util.Locale.ROOT)).findFirst().orElse("?"))
                            .append('\n');
                }
            }
            for (var script : options.startupScripts()) {
                runStartupScript(script);
            }
            warmUp(shell);
            ready.complete(null);
        } catch (RuntimeException | Error e) {
            router.originalErr().println("kernel: JShell failed to start: " + e);
            ready.completeExceptionally(e);
        }
    }

    private void runStartupScript(Path script) {
        String text;
        try {
            text = Files.readString(script, StandardCharsets.UTF_8);
        } catch (IOException e) {
            startupMessages.append("kernel: startup script ").append(script).append(" could not be read: ")
                    .append(e).append('\n');
            return;
        }
        var step = evalJava(text, text, 0, 0);
        if (step.failure() instanceof Outcome.Error error) {
            startupMessages.append("kernel: startup script ").append(script).append(" failed: ")
                    .append(error.ename()).append(": ").append(error.evalue()).append('\n');
            for (var line : error.traceback()) {
                startupMessages.append("    ").append(line).append('\n');
            }
        }
    }

    /** Compiles and runs a first snippet and primes completion, so the user's first cell is not the cold one. */
    private void warmUp(JShell shell) {
        for (var event : shell.eval("1 + 1")) {
            if (event.causeSnippet() == null) {
                shell.drop(event.snippet());
            }
        }
        int[] anchor = new int[1];
        analysis.completionSuggestions("Math.ab", 7, anchor);
        analysis.analyzeCompletion("int x = 1; x");
        analysis.documentation("Math.abs(", 9, false);
    }

    /** (Re)loads renderers and magics with the cells' loader, which sees {@code %classpath} jars too. */
    private void loadServices() {
        var loader = delegate.loader();
        var r = Renderers.load(loader);
        renderers = r;
        Display.install(new KernelDisplayBackend(router), r);
        magics = MagicRegistry.load(loader, router.originalErr());
    }

    /** Where {@code org.workdistlab.display} lives (a jar or a classes folder), for the cells' compile path. */
    static String kernelApiLocation() {
        try {
            var source = Display.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                throw new IllegalStateException("cannot find where org.workdistlab.display.Display was loaded from");
            }
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad location of the kernel API: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- runner thread

    private static final class StopRunner extends RuntimeException {
        StopRunner() {
            super(null, null, false, false);
        }
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        var future = new CompletableFuture<T>();
        tasks.add(() -> {
            try {
                future.complete(work.get());
            } catch (StopRunner e) {
                throw e;
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    private void runLoop() {
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                // Interrupts aimed at cell threads may reach this thread too; only StopRunner ends it.
                continue;
            }
            try {
                task.run();
            } catch (StopRunner e) {
                return;
            } catch (Throwable t) {
                router.originalErr().println("kernel: evaluator task failed: " + t);
            }
        }
    }
}
