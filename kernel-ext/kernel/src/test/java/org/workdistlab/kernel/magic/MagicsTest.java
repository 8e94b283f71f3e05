package org.workdistlab.kernel.magic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workdistlab.display.Display;
import org.workdistlab.display.MimeBundle;
import org.workdistlab.kernel.eval.Evaluator.Outcome;
import org.workdistlab.kernel.eval.JShellEvaluator;
import org.workdistlab.kernel.eval.RecordingOutput;
import org.workdistlab.kernel.spi.Magic;

/** The built-in magics, and magics and renderers that arrive in a jar added with %classpath. */
class MagicsTest {

    private static JShellEvaluator evaluator;

    @BeforeAll
    static void start() {
        evaluator = JShellEvaluator.start();
    }

    @AfterAll
    static void stop() {
        evaluator.close();
    }

    private static Outcome run(String code, RecordingOutput out) {
        return evaluator.execute(code, out);
    }

    @Test
    void lsmagicListsEveryBuiltIn() {
        var out = new RecordingOutput();
        assertThat(run("%lsmagic", out)).isInstanceOf(Outcome.Ok.class);
        assertThat(out.stdout()).contains("%classpath", "%time", "%%time", "%lsmagic", "%help");
    }

    @Test
    void timeRunsTheStatementPrintsTimesAndKeepsItsValue() {
        var out = new RecordingOutput();
        var line = (Outcome.Ok) run("%time 6 * 7", out);
        assertThat(line.value().map(MimeBundle::plainText)).contains("42");
        assertThat(out.stdout()).containsPattern("CPU time \\(whole JVM\\): .*, wall time: [0-9.]+ (µs|ms|s)");

        var cellOut = new RecordingOutput();
        var cell = (Outcome.Ok) run("%%time\nint timedA = 20;\nSystem.out.println(\"inside\");\ntimedA + 1", cellOut);
        assertThat(cell.value().map(MimeBundle::plainText)).contains("21");
        assertThat(cellOut.stdout()).startsWith("inside\n").contains("wall time");
    }

    @Test
    void aFailingTimedCellReportsTheRealErrorWithCellLines() {
        var outcome = run("%%time\nint fine = 1;\nint bad = \"x\";", new RecordingOutput());
        var error = (Outcome.Error) outcome;
        assertThat(error.ename()).isEqualTo("CompilationError");
        assertThat(error.traceback()).anyMatch(l -> l.startsWith("line 3, column 11"));
    }

    @Test
    void unknownMagicIsOneLineNamingItAndSuggestingLsmagic() {
        var error = (Outcome.Error) run("%nosuchmagic 1 2", new RecordingOutput());
        assertThat(error.evalue()).contains("%nosuchmagic").contains("%lsmagic");
        assertThat(error.traceback()).hasSize(1);
        var cell = (Outcome.Error) run("%%nosuchcell\nbody", new RecordingOutput());
        assertThat(cell.evalue()).contains("%%nosuchcell");
    }

    @Test
    void helpOfAnUnknownNameIsAClearError() {
        var error = (Outcome.Error) run("%help NoSuchTypeHere", new RecordingOutput());
        assertThat(error.evalue()).contains("NoSuchTypeHere");
        var ok = (Outcome.Ok) run("%help %time", new RecordingOutput());
        assertThat(ok.payloads().get(0).toString()).contains("wall");
    }

    @Test
    void classpathRejectsMissingFilesByName() {
        var error = (Outcome.Error) run("%classpath does/not/exist.jar", new RecordingOutput());
        assertThat(error.evalue()).contains("no such file").contains("does/not/exist.jar");
        var empty = (Outcome.Error) run("%classpath", new RecordingOutput());
        assertThat(empty.evalue()).contains("at least one");
    }

    @Test
    void globsExpandToTheMatchingFiles(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("b.jar"));
        Files.createFile(dir.resolve("notes.txt"));
        assertThat(ClasspathMagic.expand(dir + "/*")).extracting(p -> p.getFileName().toString())
                .containsExactly("a.jar", "b.jar");
        assertThat(ClasspathMagic.expand(dir + "/*.txt")).extracting(p -> p.getFileName().toString())
                .containsExactly("notes.txt");
        assertThatThrownBy(() -> ClasspathMagic.expand(dir + "/*.zip")).isInstanceOf(Magic.MagicException.class)
                .hasMessageContaining("nothing matches");
    }

    @Test
    void aJarAddedWithClasspathBringsClassesRenderersAndMagics(@TempDir Path dir) throws Exception {
        Path jar = buildPluginJar(dir);
        var out = new RecordingOutput();
        var added = run("%classpath " + jar.getParent() + "/*.jar\nnew demo.Money(1234)", out);

        assertThat(added).isInstanceOf(Outcome.Ok.class);
        var bundle = ((Outcome.Ok) added).value().orElseThrow();
        assertThat(bundle.data()).containsEntry(MimeBundle.HTML, "<b>$12.34</b>");
        assertThat(out.stdout()).contains("plugin.jar");

        var echo = new RecordingOutput();
        assertThat(run("%shout quiet words", echo)).isInstanceOf(Outcome.Ok.class);
        assertThat(echo.stdout()).isEqualTo("QUIET WORDS\n");
        var ls = new RecordingOutput();
        run("%lsmagic", ls);
        assertThat(ls.stdout()).contains("%shout");
        // display() from a cell uses the renderer from the jar too
        var shown = new RecordingOutput();
        run("display(new demo.Money(5));", shown);
        assertThat(shown.events()).anyMatch(e -> e.bundle() != null
                && "<b>$0.05</b>".equals(e.bundle().data().get(MimeBundle.HTML)));
    }

    /** Compiles a tiny library with a value type, its renderer and a magic, and jars it up. */
    private static Path buildPluginJar(Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Files.writeString(src.resolve("Money.java"), "package demo; public record Money(long cents) {}");
        Files.writeString(src.resolve("MoneyRenderer.java"), """
                package demo;
                import org.workdistlab.display.*;
                public class MoneyRenderer implements Renderer {
                    public boolean accepts(Object v) { return v instanceof Money; }
                    public MimeBundle render(Object v) {
                        long c = ((Money) v).cents();
                        return MimeBundle.html(String.format("<b>$%d.%02d</b>", c / 100, c % 100), "money");
                    }
                }
                """);
        Files.writeString(src.resolve("ShoutMagic.java"), """
                package demo;
                import java.util.Optional;
                import org.workdistlab.kernel.spi.Magic;
                public class ShoutMagic implements Magic {
                    public String name() { return "shout"; }
                    public String help() { return "%shout <text>: print it in capitals"; }
                    public Optional<Object> run(String args, String body, Context c) {
                        System.out.println(args.toUpperCase());
                        return Optional.empty();
                    }
                }
                """);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String api = Path.of(Display.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        List<String> sources;
        try (Stream<Path> files = Files.list(src)) {
            sources = files.map(Path::toString).toList();
        }
        var args = new java.util.ArrayList<>(List.of("--release", "17", "-cp", api, "-d", classes.toString()));
        args.addAll(sources);
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(rc).as("javac exit code").isZero();

        Path jar = Files.createDirectories(dir.resolve("lib")).resolve("plugin.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar))) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (var f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, out);
                    out.closeEntry();
                }
            }
            put(out, "META-INF/services/org.workdistlab.display.Renderer", "demo.MoneyRenderer\n");
            put(out, "META-INF/services/org.workdistlab.kernel.spi.Magic", "demo.ShoutMagic\n");
        }
        return jar;
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream o = out;
        o.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
