package org.workdistlab.kernel;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.workdistlab.kernel.eval.Evaluator;
import org.workdistlab.kernel.eval.JShellEvaluator;
import org.workdistlab.kernel.install.InstallOptions;
import org.workdistlab.kernel.install.KernelSpecInstaller;
import org.workdistlab.kernel.install.UsageException;
import org.workdistlab.kernel.protocol.Json;
import org.workdistlab.kernel.protocol.Signer;
import org.workdistlab.kernel.protocol.Wire;
import org.workdistlab.kernel.server.KernelLog;
import org.workdistlab.kernel.server.KernelServer;
import org.workdistlab.kernel.server.WarmingEvaluator;
import org.workdistlab.kernel.zmq.ConnectionInfo;
import org.workdistlab.kernel.zmq.KernelSockets;

/**
 * The kernel's command line.
 *
 * <pre>
 * java -jar kernel.jar run [--classpath PATHS] [--startup FILE...] CONNECTION_FILE
 * java -jar kernel.jar install [--user|--sys-prefix|--prefix DIR] [--name N] [--display-name S]
 *                              [--classpath PATHS] [--startup FILE...] [--heap SIZE]
 * java -jar kernel.jar uninstall [--user|--sys-prefix|--prefix DIR] [--name N]
 * </pre>
 *
 * Exit codes: {@link #EXIT_OK}, {@link #EXIT_USAGE} (bad arguments or location; one line on stderr says what to
 * do), {@link #EXIT_FAILURE} (the kernel could not start).
 */
public final class Main {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;

    static final String USAGE = "usage: java -jar kernel.jar (run [--classpath PATHS] [--startup FILE...] "
            + "CONNECTION_FILE | install [--user|--sys-prefix|--prefix DIR] [--name N] [--display-name S] "
            + "[--classpath PATHS] [--startup FILE...] [--heap SIZE] | uninstall [--user|--sys-prefix|--prefix DIR] "
            + "[--name N])";

    private Main() {
    }

    public static void main(String[] args) {
        KernelLog.captureStandardError();
        int code;
        try {
            code = run(Arrays.asList(args));
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            code = EXIT_USAGE;
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            code = EXIT_FAILURE;
        }
        // halt, not exit: the kernel's shutdown hook is for cells that call System.exit, and a cell's leftover
        // threads must not delay the end of a kernel that was told to stop.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    static int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
            System.out.println(USAGE);
            return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "run" -> runKernel(RunOptions.parse(rest));
            case "install" -> install(InstallOptions.parse(rest, false));
            case "uninstall" -> uninstall(InstallOptions.parse(rest, true));
            default -> throw new UsageException("unknown command '" + args.get(0) + "': use run, install or "
                    + "uninstall (--help shows the options)");
        };
    }

    /** Options of {@code run}: what the cells see besides the JDK. */
    record RunOptions(Path connectionFile, List<Path> classpath, List<Path> startup) {
        static RunOptions parse(List<String> args) {
            var classpath = new ArrayList<Path>();
            var startup = new ArrayList<Path>();
            Path connection = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--classpath") && i + 1 < args.size()) {
                    for (String p : args.get(++i).split(File.pathSeparator)) {
                        if (!p.isBlank()) {
                            classpath.add(Path.of(p));
                        }
                    }
                } else if (a.equals("--startup") && i + 1 < args.size()) {
                    startup.add(Path.of(args.get(++i)));
                } else if (!a.startsWith("--") && connection == null) {
                    connection = Path.of(a);
                } else {
                    throw new UsageException("run: unexpected argument '" + a + "': use run [--classpath PATHS] "
                            + "[--startup FILE...] CONNECTION_FILE");
                }
            }
            if (connection == null) {
                throw new UsageException("run needs the connection file Jupyter passes as {connection_file}: "
                        + "start the kernel from Jupyter, or install it with 'install --user'");
            }
            return new RunOptions(connection, List.copyOf(classpath), List.copyOf(startup));
        }
    }

    private static int runKernel(RunOptions options) {
        // Tablesaw brings slf4j-api without a provider; its three-line warning would land in the first table cell.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // Jackson's reflection warms up on another core while this thread reads the connection file and binds.
        var jsonWarmUp = new Thread(Json::warmUp, "kernel-json-warmup");
        jsonWarmUp.setDaemon(true);
        jsonWarmUp.start();
        ConnectionInfo info = ConnectionInfo.read(options.connectionFile());
        var sockets = new KernelSockets(info);
        // JShell (about a second of CPU) warms up only once the sockets are bound: started earlier, it competes
        // with the path to the first kernel_info_reply, which measured slower on a busy 2-core machine.
        var evaluator = new WarmingEvaluator(() -> {
            var cells = JShellEvaluator.Options.builder().classPath(cellLibraries()).classPath(options.classpath());
            options.startup().forEach(cells::startupScript);
            return JShellEvaluator.start(cells.build());
        });
        var server = new KernelServer(sockets, new Wire(new Signer(info.key())), evaluator);
        Runtime.getRuntime().addShutdownHook(new Thread(server::reportExit, "kernel-exit-report"));
        server.start();
        try {
            server.awaitShutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeWithin(evaluator, Duration.ofMillis(200));
        return EXIT_OK;
    }

    /**
     * The distribution's libraries that cells compile against (XChart, Tablesaw and what they need). JShell compiles
     * against its own class path, not the launcher's manifest {@code Class-Path}, so they are named here; the
     * kernel's wire libraries stay out of the cells' completion lists.
     */
    static List<Path> cellLibraries() {
        Path lib;
        try {
            Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            lib = self.resolveSibling("lib");
        } catch (java.net.URISyntaxException | SecurityException e) {
            return List.of();
        }
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (var jars = Files.list(lib)) {
            return jars.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> !KERNEL_ONLY.matcher(p.getFileName().toString()).lookingAt())
                    .sorted()
                    .toList();
        } catch (java.io.IOException e) {
            KernelLog.log("cannot list " + lib + "; cells see only the JDK and the kernel API", e);
            return List.of();
        }
    }

    /** Libraries of the wire layer, which cells have no business compiling against. */
    private static final java.util.regex.Pattern KERNEL_ONLY =
            java.util.regex.Pattern.compile("(jeromq|jnacl|jackson-)");

    /** Closes the evaluator on a daemon thread, waiting at most {@code limit}: the exit must stay prompt. */
    private static void closeWithin(Evaluator evaluator, Duration limit) {
        var t = new Thread(evaluator::close, "kernel-evaluator-close");
        t.setDaemon(true);
        t.start();
        try {
            t.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int install(InstallOptions o) {
        Path spec = installer().install(o);
        System.out.println("Installed kernelspec " + o.name() + " (\"" + o.displayName() + "\") in " + spec);
        return EXIT_OK;
    }

    private static int uninstall(InstallOptions o) {
        Path spec = installer().uninstall(o);
        if (spec == null) {
            System.out.println("No kernelspec " + o.name() + " in " + installer().kernelsDir(o) + "; nothing to remove");
        } else {
            System.out.println("Removed kernelspec " + o.name() + " from " + spec);
        }
        return EXIT_OK;
    }

    private static KernelSpecInstaller installer() {
        return new KernelSpecInstaller(distDir(), System.getenv(), Main::pythonSysPrefix);
    }

    /** The folder holding the running kernel.jar (and its lib/). */
    private static Path distDir() {
        try {
            Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(self)) {
                throw new UsageException("install must run from the kernel jar: java -jar "
                        + "kernel-ext/kernel/target/kernel-dist/kernel.jar install --user");
            }
            return self.getParent();
        } catch (java.net.URISyntaxException | SecurityException e) {
            throw new UsageException("cannot find the kernel jar (" + e + "): run java -jar <path>/kernel.jar install");
        }
    }

    /** {@code sys.prefix} of the Python that has Jupyter (Debian: /usr/bin/python3). */
    private static Path pythonSysPrefix() {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        try {
            Process p = new ProcessBuilder(python, "-c", "import sys; print(sys.prefix)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor() != 0 || out.isEmpty()) {
                throw new UsageException(python + " could not tell its sys.prefix: use --user or --prefix DIR");
            }
            return Path.of(out);
        } catch (java.io.IOException e) {
            throw new UsageException("--sys-prefix needs python3 (" + e.getMessage() + "): use --user or --prefix DIR");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while asking python3 for sys.prefix");
        }
    }
}
