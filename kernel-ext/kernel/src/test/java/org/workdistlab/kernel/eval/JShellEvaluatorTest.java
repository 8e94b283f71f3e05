package org.workdistlab.kernel.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator.Completeness.Status;
import org.workdistlab.kernel.eval.Evaluator.Outcome;

/** The evaluator against a real JShell: values, cells of several snippets, imports, errors, analysis. */
class JShellEvaluatorTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Outcome run(String code) {
        return evaluator.execute(code, new RecordingOutput());
    }

    private static Optional<String> value(String code) {
        var outcome = run(code);
        assertThat(outcome).as("outcome of %s", code).isInstanceOf(Outcome.Ok.class);
        return ((Outcome.Ok) outcome).value().map(MimeBundle::plainText);
    }

    private static Outcome.Error error(String code) {
        var outcome = run(code);
        assertThat(outcome).as("outcome of %s", code).isInstanceOf(Outcome.Error.class);
        return (Outcome.Error) outcome;
    }

    @Test
    void expressionValueIsShownDeclarationsShowNothing() {
        assertThat(value("1 + 1")).contains("2");
        assertThat(value("\"con\" + \"cat\"")).contains("concat");
        assertThat(value("int declared = 5;")).isEmpty();
        assertThat(value("declared")).contains("5");
        assertThat(value("declared = 9")).contains("9");
        assertThat(value("int twice(int v) { return 2 * v; }")).isEmpty();
        assertThat(value("twice(declared)")).contains("18");
        assertThat(value("System.out.print(\"\")")).isEmpty();
        assertThat(value("String nothing = null; nothing")).contains("null");
    }

    @Test
    void aCellOfSeveralSnippetsRunsThemInOrderAndShowsTheLast() {
        var out = new RecordingOutput();
        var outcome = evaluator.execute("int a = 6;\nint b = 7; System.out.println(\"a=\" + a);\n\n"
                + "// a comment\nclass Box { int v = a * b; }\nnew Box().v", out);
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        assertThat(((Outcome.Ok) outcome).value().map(MimeBundle::plainText)).contains("42");
        assertThat(out.stdout()).isEqualTo("a=6\n");
    }

    @Test
    void valuesAreRealObjectsRenderedByTheRenderers() {
        var outcome = (Outcome.Ok) run("new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        var bundle = outcome.value().orElseThrow();
        assertThat(bundle.data()).containsKey(MimeBundle.PNG);
        assertThat(bundle.plainText()).isEqualTo("image 3x2");

        var html = (Outcome.Ok) run("new org.workdistlab.display.Displayable() {\n"
                + "  public org.workdistlab.display.MimeBundle toMimeBundle() {\n"
                + "    return org.workdistlab.display.MimeBundle.html(\"<b>rich</b>\", \"rich\"); } }");
        assertThat(html.value().orElseThrow().data()).containsEntry(MimeBundle.HTML, "<b>rich</b>");
    }

    @Test
    void defaultImportsAndDisplayFunctionsAreThere() {
        assertThat(value("new AtomicInteger(41).incrementAndGet()")).contains("42");
        assertThat(value("Duration.ofSeconds(90)")).contains("PT1M30S");
        assertThat(value("new ConcurrentHashMap<String, List<Integer>>().size()")).contains("0");
        var out = new RecordingOutput();
        var outcome = evaluator.execute("System.out.println(\"before\");\nvar id = display(\"first\");\n"
                + "updateDisplay(id, \"second\");\nSystem.out.println(\"after\");\nclearOutput();", out);
        assertThat(outcome).isInstanceOf(Outcome.Ok.class);
        var events = out.events();
        assertThat(events).extracting(RecordingOutput.Event::kind)
                .containsExactly("stream", "display", "display", "stream", "clear");
        assertThat(events.get(0).text()).isEqualTo("before\n");
        assertThat(events.get(1).bundle().plainText()).isEqualTo("first");
        assertThat(events.get(1).flag()).isFalse();
        assertThat(events.get(2).bundle().plainText()).isEqualTo("second");
        assertThat(events.get(2).flag()).isTrue();
        assertThat(events.get(2).displayId()).isEqualTo(events.get(1).displayId());
    }

    @Test
    void compileErrorNamesTheCellLineAndMarksTheColumn() {
        var e = error("int fine = 1;\nint broken = \"text\";\nint never = 3;");
        assertThat(e.ename()).isEqualTo("CompilationError");
        assertThat(e.evalue()).contains("incompatible types").contains("line 2");
        int at = e.traceback().indexOf("    int broken = \"text\";");
        assertThat(at).as("source line in %s", e.traceback()).isPositive();
        assertThat(e.traceback().get(at - 1)).startsWith("line 2, column 14: incompatible types");
        assertThat(e.traceback().get(at + 1)).isEqualTo("    " + " ".repeat(13) + "^");
        // the first snippet ran, the one after the error did not
        assertThat(value("fine")).contains("1");
        assertThat(error("never").evalue()).contains("cannot find symbol");
    }

    @Test
    void aLoneClosingParenthesisIsAnErrorNotACrash() {
        var e = error(")");
        assertThat(e.ename()).isEqualTo("CompilationError");
        assertThat(e.traceback()).anyMatch(l -> l.startsWith("line 1"));
    }

    @Test
    void runtimeExceptionShowsOnlyCellFramesMappedToCellLines() {
        run("int divide(int a, int b) {\n    return a / b;\n}");
        var e = error("int ok = 1;\n\ndivide(ok, 0)");
        assertThat(e.ename()).isEqualTo("ArithmeticException");
        assertThat(e.evalue()).isEqualTo("/ by zero");
        assertThat(e.traceback().get(0)).isEqualTo("java.lang.ArithmeticException: / by zero");
        assertThat(e.traceback()).anyMatch(l -> l.matches("\tat divide\\(cell \\d+, line 2\\)"));
        assertThat(e.traceback()).contains("\tat line 3");
        assertThat(e.traceback()).noneMatch(l -> l.contains("jdk.") || l.contains("org.workdistlab")
                || l.contains("reflect") || l.contains("REPL"));
        assertThat(e.traceback()).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void causedByChainsAreShownAndTrimmed() {
        var e = error("Integer.parseInt(\"x\");\n");
        assertThat(e.ename()).isEqualTo("NumberFormatException");
        assertThat(e.traceback()).anyMatch(l -> l.contains("at java.base/java.lang.NumberFormatException")
                || l.contains("at java.lang.NumberFormatException") || l.contains("NumberFormatException.forInputString"));
        var chained = error("throw new IllegalStateException(\"outer\",\n    new java.io.IOException(\"inner\"));");
        assertThat(chained.ename()).isEqualTo("IllegalStateException");
        assertThat(chained.traceback()).contains("Caused by: java.io.IOException: inner");
        assertThat(chained.traceback()).noneMatch(l -> l.contains("org.workdistlab") || l.contains("jdk.jshell"));
    }

    @Test
    void unresolvedReferencesAreReportedClearly() {
        var out = new RecordingOutput();
        assertThat(evaluator.execute("void useLater() { new NotYetDeclared(); }", out)).isInstanceOf(Outcome.Ok.class);
        assertThat(out.stderr()).contains("useLater").contains("NotYetDeclared");
        var e = error("useLater()");
        assertThat(e.ename()).isEqualTo("UnresolvedReferenceException");
        assertThat(e.evalue()).contains("useLater").contains("NotYetDeclared");
        run("class NotYetDeclared {}");
        assertThat(run("useLater()")).isInstanceOf(Outcome.Ok.class);
    }

    @Test
    void completionGivesJShellSuggestionsWithCellOffsets() {
        var c = evaluator.complete("Math.ab", 7);
        assertThat(c.matches()).contains("abs(").doesNotHaveDuplicates();
        assertThat(c.cursorStart()).isEqualTo(5);
        assertThat(c.cursorEnd()).isEqualTo(7);

        run("int completionTarget = 3;");
        String cell = "int other = 1;\nint more = 2;\ncompletionTar";
        var multi = evaluator.complete(cell, cell.length());
        assertThat(multi.matches()).contains("completionTarget");
        assertThat(multi.cursorStart()).isEqualTo(cell.indexOf("completionTar"));

        run("String upper = \"x\";");
        // completion knows what earlier cells defined (as in JShell), not declarations earlier in this cell
        String middle = "int before = 1;\nupper.toUpp\nint after = 1;";
        var inMiddle = evaluator.complete(middle, middle.indexOf("toUpp") + 5);
        assertThat(inMiddle.matches()).contains("toUpperCase(");
        assertThat(inMiddle.cursorStart()).isEqualTo(middle.indexOf("toUpp"));

        var magic = evaluator.complete("%lsm", 4);
        assertThat(magic.matches()).containsExactly("%lsmagic");
        assertThat(magic.cursorStart()).isZero();
    }

    @Test
    void inspectFindsTheNameBeforeTheCursor() {
        var doc = evaluator.inspect("Math.abs", 8, 0).orElseThrow().plainText();
        assertThat(doc).contains("int Math.abs(int a)").contains("double Math.abs(double a)");
        if (Files.exists(Path.of(System.getProperty("java.home"), "lib", "src.zip"))) {
            // The JDK ships its sources, so JShell can read the javadoc.
            assertThat(doc).contains("absolute value");
        }
        assertThat(evaluator.inspect("String", 6, 0).orElseThrow().plainText()).contains("java.lang.String");
        assertThat(evaluator.inspect("Math.max(1, ", 12, 0).orElseThrow().plainText()).contains("Math.max(");
        assertThat(evaluator.inspect("noSuchNameAnywhere", 18, 0)).isEmpty();
    }

    @Test
    void isCompleteUsesJShellsSourceAnalysis() {
        assertThat(evaluator.isComplete("1 + 1").status()).isEqualTo(Status.COMPLETE);
        assertThat(evaluator.isComplete("").status()).isEqualTo(Status.COMPLETE);
        assertThat(evaluator.isComplete(")").status()).isEqualTo(Status.INVALID);
        assertThat(evaluator.isComplete("int x = ").status()).isEqualTo(Status.INCOMPLETE);
        var block = evaluator.isComplete("int y = 1;\nfor (int i = 0; i < 3; i++) {");
        assertThat(block.status()).isEqualTo(Status.INCOMPLETE);
        assertThat(block.indent()).isEqualTo("    ");
        assertThat(evaluator.isComplete("%lsmagic").status()).isEqualTo(Status.COMPLETE);
        assertThat(evaluator.isComplete("%%time\nint z = 1;").status()).isEqualTo(Status.COMPLETE);
    }

    @Test
    void helpPagesArePagerPayloads() {
        for (var code : List.of("?Math.abs", "Math.abs?", "%help Math.abs")) {
            var ok = (Outcome.Ok) run(code);
            assertThat(ok.payloads()).hasSize(1);
            Map<String, Object> page = ok.payloads().get(0);
            assertThat(page).containsEntry("source", "page").containsEntry("start", 0);
            @SuppressWarnings("unchecked")
            var data = (Map<String, String>) page.get("data");
            assertThat(data.get("text/plain")).contains("Math.abs(int a)");
        }
    }

    @Test
    void startupScriptsRunAndTheirFailuresReachTheFirstCellsStderr(@TempDir Path dir) throws Exception {
        var good = Files.writeString(dir.resolve("good.jsh"), "int answer() { return 42; }\n");
        var bad = Files.writeString(dir.resolve("bad.jsh"), "int broken = \"no\";\n");
        var options = JShellEvaluator.Options.builder().startupScript(good).startupScript(bad)
                .startupScript(dir.resolve("missing.jsh")).addImport("java.util.function.*").build();
        try (var fresh = JShellEvaluator.start(options)) {
            var out = new RecordingOutput();
            var outcome = fresh.execute("Function<Integer, Integer> inc = v -> v + 1;\ninc.apply(answer())", out);
            assertThat(((Outcome.Ok) outcome).value().map(MimeBundle::plainText)).contains("43");
            assertThat(out.stderr()).contains("bad.jsh").contains("incompatible types").contains("missing.jsh");
            var second = new RecordingOutput();
            fresh.execute("1", second);
            assertThat(second.stderr()).isEmpty();
        }
    }
}
