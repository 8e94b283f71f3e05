package org.workdistlab.kernel.install;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Writes and removes kernelspecs.
 *
 * <p>Layout of an installed kernelspec {@code <kernels>/<name>/}: {@code kernel.json}, {@code kernel.jar},
 * {@code lib/*.jar}. The jar's manifest names {@code lib/...} relatively, so the copy runs without the build
 * tree. Installing again replaces the directory.
 *
 * <p>Locations follow {@code jupyter kernelspec install}: {@code --user} is {@code $JUPYTER_DATA_DIR/kernels} or
 * {@code ~/.local/share/jupyter/kernels}; {@code --sys-prefix} is {@code <sys.prefix>/share/jupyter/kernels} of
 * the Python that runs Jupyter; {@code --prefix DIR} is {@code DIR/share/jupyter/kernels}.
 */
public final class KernelSpecInstaller {

    /**
     * JVM flags in kernel.json besides the heap.
     * <ul>
     *   <li>Serial GC: one kernel per learner in a small container; the fewest GC threads and the lowest RSS.</li>
     *   <li>C1 only ({@code TieredStopAtLevel=1}): JShell compiles every cell with javac, and in a notebook's
     *       life javac never runs long enough for C2 to pay. Measured over the first 15 warm {@code 1 + 1} cells:
     *       about 48 ms of CPU per cell with C1 only against 84 ms with C2 compiling in the background, and 230
     *       against 250-270 MiB peak RSS.</li>
     *   <li>Headless: charts render to PNG without a display.</li>
     * </ul>
     * Tried and not kept: an AppCDS archive made at install time (the CPU used until the first
     * kernel_info_reply did not drop measurably: 0.50-0.63 s with and without it).
     */
    public static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Djava.awt.headless=true");

    private final Path dist;
    private final Map<String, String> env;
    private final Supplier<Path> sysPrefix;

    /**
     * @param dist      the kernel distribution to copy: a folder with {@code kernel.jar} and {@code lib/}
     * @param env       the environment ({@code JUPYTER_DATA_DIR}, {@code HOME})
     * @param sysPrefix Python's {@code sys.prefix}, asked only for {@code --sys-prefix}
     */
    public KernelSpecInstaller(Path dist, Map<String, String> env, Supplier<Path> sysPrefix) {
        this.dist = dist;
        this.env = env;
        this.sysPrefix = sysPrefix;
    }

    /** The {@code kernels} folder for {@code location}. */
    public Path kernelsDir(InstallOptions o) {
        return switch (o.location()) {
            case USER -> userDataDir().resolve("kernels");
            case SYS_PREFIX -> sysPrefix.get().resolve("share/jupyter/kernels");
            case PREFIX -> {
                if (!Files.isDirectory(o.prefix())) {
                    throw new UsageException("--prefix " + o.prefix() + " is not an existing folder: create it or "
                            + "give another");
                }
                yield o.prefix().resolve("share/jupyter/kernels");
            }
        };
    }

    private Path userDataDir() {
        String data = env.get("JUPYTER_DATA_DIR");
        if (data != null && !data.isBlank()) {
            return Path.of(data).toAbsolutePath();
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (home == null || home.isBlank() || !Files.isDirectory(Path.of(home))) {
            throw new UsageException("no home folder to install into (HOME=" + home + "): set JUPYTER_DATA_DIR or "
                    + "use --prefix DIR");
        }
        return Path.of(home, ".local", "share", "jupyter");
    }

    /** Installs (or replaces) the kernelspec; returns its folder. */
    public Path install(InstallOptions o) {
        Path jar = dist.resolve("kernel.jar");
        if (!Files.isRegularFile(jar)) {
            throw new UsageException("no kernel.jar in " + dist + ": build with 'mvn -pl kernel-ext/kernel package' "
                    + "and run 'java -jar kernel-ext/kernel/target/kernel-dist/kernel.jar install'");
        }
        Path spec = kernelsDir(o).resolve(o.name());
        try {
            boolean fromItself = Files.exists(spec) && Files.isSameFile(spec, dist);
            if (!fromItself) {
                Path staging = Files.createDirectories(spec.getParent()).resolve("." + o.name() + ".installing");
                deleteTree(staging);
                Files.createDirectories(staging.resolve("lib"));
                Files.copy(jar, staging.resolve("kernel.jar"));
                Path lib = dist.resolve("lib");
                if (Files.isDirectory(lib)) {
                    try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
                        for (Path j : jars) {
                            Files.copy(j, staging.resolve("lib").resolve(j.getFileName()));
                        }
                    }
                }
                deleteTree(spec);
                Files.move(staging, spec, StandardCopyOption.ATOMIC_MOVE);
            }
            writeKernelJson(spec, o);
            return spec;
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot write " + e.getFile() + " (permission denied): use --user, or "
                    + "--prefix DIR with a folder you can write");
        } catch (FileSystemException e) {
            String why = e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new UsageException("cannot write " + e.getFile() + " (" + why + "): use --user or --prefix DIR "
                    + "with a writable folder");
        } catch (IOException e) {
            throw new UsageException("cannot install into " + spec + ": " + e + "; use --user or --prefix DIR");
        }
    }

    /** Removes the kernelspec; returns its folder, or null when there was none. */
    public Path uninstall(InstallOptions o) {
        Path spec = kernelsDir(o).resolve(o.name());
        if (!Files.isDirectory(spec)) {
            return null;
        }
        try {
            deleteTree(spec);
            return spec;
        } catch (IOException e) {
            throw new UsageException("cannot remove " + spec + ": " + e + "; check its permissions");
        }
    }

    /** The kernel.json content for a kernelspec in {@code spec}. */
    public static Map<String, Object> kernelJson(Path spec, InstallOptions o) {
        var argv = new ArrayList<String>();
        argv.add(o.java().toString());
        argv.add("-Xmx" + o.heap());
        argv.addAll(JVM_FLAGS);
        argv.add("-jar");
        argv.add(spec.resolve("kernel.jar").toAbsolutePath().toString());
        argv.add("run");
        if (!o.classpath().isEmpty()) {
            argv.add("--classpath");
            argv.add(String.join(File.pathSeparator, o.classpath().stream().map(Path::toString).toList()));
        }
        for (Path s : o.startup()) {
            argv.add("--startup");
            argv.add(s.toString());
        }
        argv.add("{connection_file}");
        var json = new LinkedHashMap<String, Object>();
        json.put("argv", argv);
        json.put("display_name", o.displayName());
        json.put("language", "java");
        // Interrupts arrive as interrupt_request on control: works on every OS and needs no signal handling.
        json.put("interrupt_mode", "message");
        json.put("env", Map.of());
        json.put("metadata", Map.of("debugger", false));
        return json;
    }

    private static void writeKernelJson(Path spec, InstallOptions o) throws IOException {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.write(spec.resolve("kernel.json"), mapper.writeValueAsBytes(kernelJson(spec, o)));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
