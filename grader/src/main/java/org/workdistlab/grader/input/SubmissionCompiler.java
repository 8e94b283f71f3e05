package org.workdistlab.grader.input;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.workdistlab.grader.SubmissionSource;

/**
 * Compiles a submission in process with {@link JavaCompiler}, against the contracts only (the grader is not on the
 * learner's class path), and reports errors in the learner's terms: their file (or notebook cell), line and message.
 */
public final class SubmissionCompiler {

    /** Compile errors listed at most; the rest are counted. */
    public static final int MAX_ERRORS = 20;

    private SubmissionCompiler() {
    }

    public static CompiledSubmission compile(SubmissionSource source, String exerciseId, List<Path> classpath,
                                             Path classesDir) throws SubmissionInputException {
        List<SourceUnit> units = SubmissionInputs.read(source, exerciseId);
        return compile(units, classpath, classesDir);
    }

    public static CompiledSubmission compile(List<SourceUnit> units, List<Path> classpath, Path classesDir)
            throws SubmissionInputException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new SubmissionInputException("this Java runtime has no compiler (javax.tools); run the grader "
                    + "with a JDK, not a JRE");
        }
        try {
            Files.createDirectories(classesDir);
        } catch (IOException e) {
            throw new SubmissionInputException("cannot create " + classesDir + ": " + e.getMessage());
        }
        var diagnostics = new DiagnosticCollector<JavaFileObject>();
        var byUri = new HashMap<URI, SourceUnit>();
        var files = new ArrayList<JavaFileObject>();
        var seen = new HashMap<String, Integer>();
        for (SourceUnit u : units) {
            // two units may claim the same file name (two cells without a public type): keep them apart
            int n = seen.merge(u.fileName(), 1, Integer::sum);
            String name = n == 1 ? u.fileName() : u.fileName().replace(".java", "") + "_" + n + ".java";
            URI uri = URI.create("string:///" + name);
            byUri.put(uri, u);
            files.add(new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return u.code();
                }
            });
        }
        var options = List.of("-d", classesDir.toString(), "-proc:none", "-encoding", "UTF-8", "-nowarn",
                "-Xlint:none", "-classpath",
                String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            ok = javac.getTask(new StringWriter(), fm, diagnostics, options, null, files).call();
        } catch (IOException | RuntimeException e) {
            throw new SubmissionInputException("the compiler failed: " + e.getMessage());
        }
        var errors = new ArrayList<String>();
        int count = 0;
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            count++;
            if (errors.size() < MAX_ERRORS) {
                errors.add(describe(d, byUri));
            }
        }
        if (count > MAX_ERRORS) {
            errors.add("... and " + (count - MAX_ERRORS) + " more compile errors");
        }
        if (!ok && errors.isEmpty()) {
            errors.add("the submission does not compile (the compiler gave no details)");
        }
        return new CompiledSubmission(classesDir, errors);
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d, Map<URI, SourceUnit> byUri) {
        String message = d.getMessage(Locale.ROOT).lines().findFirst().orElse("").strip();
        SourceUnit unit = d.getSource() == null ? null : byUri.get(d.getSource().toUri());
        if (unit == null) {
            return "error: " + message;
        }
        long line = d.getLineNumber() - unit.lineOffset();
        return unit.origin() + ":" + (line > 0 ? line : d.getLineNumber()) + ": " + message;
    }
}
