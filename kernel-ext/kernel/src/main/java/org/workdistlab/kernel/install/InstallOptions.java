package org.workdistlab.kernel.install;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code install} and {@code uninstall} were asked to do.
 *
 * @param location    where the kernelspec goes
 * @param prefix      the directory for {@link Location#PREFIX}, else null
 * @param name        the kernelspec name (directory name; Jupyter shows it in {@code jupyter kernelspec list})
 * @param displayName the name in the notebook's kernel menu
 * @param classpath   extra jars or folders for cells, absolute
 * @param startup     JShell snippet files run when the kernel starts, absolute
 * @param heap        maximum heap, a {@code -Xmx} size such as {@code 512m}
 * @param java        the java launcher kernel.json names
 */
public record InstallOptions(Location location, Path prefix, String name, String displayName, List<Path> classpath,
                             List<Path> startup, String heap, Path java) {

    /** The default kernelspec name. */
    public static final String DEFAULT_NAME = "wdl-java";
    /** Heap for a 2 GB container: room for JShell and a chart, leaving the rest to the notebook server. */
    public static final String DEFAULT_HEAP = "512m";

    /** Where a kernelspec goes, as {@code jupyter kernelspec install} names it. */
    public enum Location { USER, SYS_PREFIX, PREFIX }

    /**
     * Parses {@code [--user|--sys-prefix|--prefix DIR] [--name N] [--display-name S] [--classpath PATHS]
     * [--startup FILE...] [--heap SIZE]}; {@code uninstall} accepts the location and name only.
     *
     * @throws UsageException naming the bad argument
     */
    public static InstallOptions parse(List<String> args, boolean forUninstall) {
        Location location = null;
        Path prefix = null;
        String name = DEFAULT_NAME;
        String displayName = null;
        var classpath = new ArrayList<Path>();
        var startup = new ArrayList<Path>();
        String heap = DEFAULT_HEAP;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--user", "--sys-prefix" -> {
                    location = one(location, a.equals("--user") ? Location.USER : Location.SYS_PREFIX);
                }
                case "--prefix" -> {
                    location = one(location, Location.PREFIX);
                    prefix = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                }
                case "--name" -> {
                    name = value(args, ++i, a);
                    if (!name.matches("[A-Za-z0-9._-]+")) {
                        throw new UsageException("--name '" + name + "' is not a valid kernelspec name: use letters, "
                                + "digits, '.', '_' or '-'");
                    }
                }
                case "--display-name" -> displayName = install(forUninstall, a, value(args, ++i, a));
                case "--classpath" -> {
                    for (String p : install(forUninstall, a, value(args, ++i, a)).split(File.pathSeparator)) {
                        if (!p.isBlank()) {
                            classpath.add(existing(p, a));
                        }
                    }
                }
                case "--startup" -> {
                    startup.add(existing(install(forUninstall, a, value(args, ++i, a)), a));
                    // --startup takes several files: a.jsh b.jsh until the next option
                    while (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                        startup.add(existing(args.get(++i), a));
                    }
                }
                case "--heap" -> {
                    heap = install(forUninstall, a, value(args, ++i, a));
                    if (!heap.matches("[0-9]+[kKmMgG]?")) {
                        throw new UsageException("--heap '" + heap + "' is not a heap size: use e.g. 512m or 2g");
                    }
                }
                default -> throw new UsageException("unknown option '" + a + "': use "
                        + (forUninstall ? "uninstall [--user|--sys-prefix|--prefix DIR] [--name N]"
                        : "install [--user|--sys-prefix|--prefix DIR] [--name N] [--display-name S] "
                        + "[--classpath PATHS] [--startup FILE...] [--heap SIZE]"));
            }
        }
        if (displayName == null) {
            displayName = "Java " + Runtime.version().feature() + " (Work Distribution Lab)";
        }
        return new InstallOptions(location == null ? Location.USER : location, prefix, name, displayName,
                List.copyOf(classpath), List.copyOf(startup), heap,
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static Location one(Location already, Location next) {
        if (already != null) {
            throw new UsageException("give only one of --user, --sys-prefix and --prefix DIR");
        }
        return next;
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value, e.g. " + option + " " + example(option));
        }
        return args.get(i);
    }

    private static String example(String option) {
        return switch (option) {
            case "--prefix" -> "/opt/venv";
            case "--classpath" -> "/path/lab.jar" + File.pathSeparator + "/path/classes";
            case "--startup" -> "/path/imports.jsh";
            case "--heap" -> "512m";
            case "--display-name" -> "'Java (course)'";
            default -> "wdl-java";
        };
    }

    private static String install(boolean forUninstall, String option, String value) {
        if (forUninstall) {
            throw new UsageException(option + " is an install option; uninstall takes only the location and --name");
        }
        return value;
    }

    private static Path existing(String p, String option) {
        Path path = Path.of(p).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new UsageException(option + " " + p + ": no such file or folder; give an existing path");
        }
        return path;
    }
}
