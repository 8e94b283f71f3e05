package org.workdistlab.kernel.magic;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.workdistlab.kernel.spi.Magic;

/**
 * {@code %classpath <paths...>}: adds jars, folders, or globs such as {@code lib/*.jar} or {@code lib/*} to the
 * cells' class path (compile and run). Relative paths are resolved against the kernel's working directory (the
 * notebook's folder). Renderers and magics inside the added jars become available at once.
 */
public final class ClasspathMagic implements Magic {

    @Override
    public String name() {
        return "classpath";
    }

    @Override
    public String help() {
        return "%classpath <jar|folder|glob>...: add jars or class folders to the cells' class path";
    }

    @Override
    public Optional<Object> run(String args, String body, Context context) throws MagicException {
        if (args.isBlank()) {
            throw new MagicException("%classpath needs at least one jar, folder or glob, e.g. %classpath lib/*.jar");
        }
        var paths = new ArrayList<String>();
        for (var arg : args.strip().split("\\s+")) {
            for (var p : expand(arg)) {
                paths.add(p.toString());
            }
        }
        context.addToClasspath(paths);
        System.out.println("Added to the class path: " + String.join(", ", paths));
        System.out.flush();
        return Optional.empty();
    }

    /**
     * The existing files a class path argument names. A glob in the last path element matches files in its
     * folder; a bare {@code *} matches the jars there (as {@code java -cp lib/*} does).
     */
    static List<Path> expand(String arg) throws MagicException {
        String cleaned = arg.startsWith("~/") ? System.getProperty("user.home") + arg.substring(1) : arg;
        Path path = Path.of(cleaned).toAbsolutePath().normalize();
        String last = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!last.contains("*") && !last.contains("?") && !last.contains("[") && !last.contains("{")) {
            if (!Files.exists(path)) {
                throw new MagicException("no such file or folder: " + arg + " (relative paths start at "
                        + Path.of("").toAbsolutePath() + ")");
            }
            return List.of(path);
        }
        Path dir = path.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new MagicException("no such folder: " + (dir == null ? arg : dir) + " (in " + arg + ")");
        }
        String pattern = last.equals("*") ? "*.jar" : last;
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
        List<Path> matches;
        try (Stream<Path> files = Files.list(dir)) {
            matches = files.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        } catch (IOException e) {
            throw new MagicException("cannot list " + dir + ": " + e.getMessage());
        }
        if (matches.isEmpty()) {
            throw new MagicException("nothing matches " + arg + " in " + dir);
        }
        return matches;
    }
}
