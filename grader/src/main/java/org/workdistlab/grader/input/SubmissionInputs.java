package org.workdistlab.grader.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.workdistlab.grader.SubmissionSource;

/** Turns what the learner hands in into compilation units. */
public final class SubmissionInputs {

    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^\\s*public\\s+(?:(?:final|abstract|sealed|non-sealed|static|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;");

    private SubmissionInputs() {
    }

    /** The units of {@code source} (not an {@code ImplementationClass}). */
    public static List<SourceUnit> read(SubmissionSource source, String exerciseId) throws SubmissionInputException {
        if (source instanceof SubmissionSource.SourceFiles files) {
            var units = new ArrayList<SourceUnit>();
            for (Path p : files.files()) {
                if (!p.toString().endsWith(".java")) {
                    throw new SubmissionInputException(p + " is not a .java file; pass .java files, a folder, or a "
                            + ".ipynb notebook");
                }
                units.add(javaFile(p, p.getFileName().toString()));
            }
            return units;
        }
        if (!(source instanceof SubmissionSource.Sources s)) {
            throw new IllegalArgumentException("not a source submission: " + source);
        }
        Path path = s.path();
        if (!Files.exists(path)) {
            throw new SubmissionInputException(path + " does not exist; pass a .java file, a folder or a .ipynb notebook");
        }
        if (Files.isDirectory(path)) {
            Path maven = path.resolve("src/main/java");
            Path root = Files.isDirectory(maven) ? maven : path;
            List<Path> java;
            try (Stream<Path> walk = Files.walk(root)) {
                java = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p))
                        .filter(p -> !root.relativize(p).toString().replace('\\', '/').matches("(.*/)?(target|build|src/test)/.*"))
                        .sorted().toList();
            } catch (IOException e) {
                throw new SubmissionInputException("cannot read " + path + ": " + e.getMessage());
            }
            if (java.isEmpty()) {
                throw new SubmissionInputException("no .java files in " + root + "; put your solution there");
            }
            var units = new ArrayList<SourceUnit>();
            for (Path p : java) {
                units.add(javaFile(p, root.relativize(p).toString()));
            }
            return units;
        }
        String name = path.getFileName().toString();
        if (name.endsWith(".java")) {
            return List.of(javaFile(path, name));
        }
        if (name.endsWith(".ipynb")) {
            return NotebookReader.read(path, exerciseId);
        }
        throw new SubmissionInputException(path + " is neither a .java file, a folder, nor a .ipynb notebook");
    }

    private static SourceUnit javaFile(Path p, String shownAs) throws SubmissionInputException {
        String code;
        try {
            code = Files.readString(p, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new SubmissionInputException(p + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new SubmissionInputException("cannot read " + p + ": " + e.getMessage());
        }
        return new SourceUnit(unitFileName(code, p.getFileName().toString()), code, shownAs, 0);
    }

    /**
     * The path javac should see for {@code code}: {@code pkg/dirs/Type.java} for its public type (so a file name
     * that differs from the public class does not fail), else {@code fallback} under its package.
     */
    static String unitFileName(String code, String fallback) {
        String stripped = stripComments(code);
        Matcher type = PUBLIC_TYPE.matcher(stripped);
        String file = type.find() ? type.group(1) + ".java" : fallback;
        Matcher pkg = PACKAGE.matcher(stripped);
        return pkg.find() ? pkg.group(1).replace('.', '/') + "/" + file : file;
    }

    private static String stripComments(String code) {
        return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", "");
    }
}
