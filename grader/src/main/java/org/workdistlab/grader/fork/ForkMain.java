package org.workdistlab.grader.fork;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.workdistlab.grader.ExerciseInfo;
import org.workdistlab.grader.api.Measure;
import org.workdistlab.grader.api.Submission;
import org.workdistlab.grader.engine.Catalogue;
import org.workdistlab.grader.events.ForkEvent;

/**
 * The forked JVM's entry point: {@code ForkMain <suite class> <per-check limit ms, or 0 for each check's own>
 * <test method>...}, with the event token as the first line of stdin.
 *
 * <p>Order matters: the token is read and stdout claimed for events, {@code System.out/err/in} are replaced, and
 * the shutdown hook is installed, all before the suite (and through it any learner class) is loaded. The JVM ends
 * with {@code halt}, so threads the learner left running cannot keep it alive.
 */
public final class ForkMain {

    private ForkMain() {
    }

    public static void main(String[] args) {
        String token;
        try {
            token = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            token = null;
        }
        if (token == null || token.isBlank() || args.length < 2) {
            System.err.println("wdl fork: usage: ForkMain <suite> <limit ms> <method>... with the token on stdin");
            Runtime.getRuntime().halt(ForkExit.BAD_ARGUMENTS);
            return;
        }
        var events = new EventChannel(token.strip());
        var output = new OutputCapture(Math.max(0, Integer.getInteger("wdl.fork.outputCap", 4096)));
        PrintStream capture = new PrintStream(output, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        try {
            run(args, events, output);
        } catch (Throwable t) {
            events.send(new ForkEvent.Exiting("", "grader error in the fork: " + t));
            Runtime.getRuntime().halt(ForkExit.INTERNAL_ERROR);
        }
        Runtime.getRuntime().halt(ForkExit.OK);
    }

    private static void run(String[] args, EventChannel events, OutputCapture output) throws ClassNotFoundException {
        Class<?> suite = Class.forName(args[0], false, ForkMain.class.getClassLoader());
        long limitMillis = Long.parseLong(args[1]);
        List<String> methods = Arrays.asList(args).subList(2, args.length);
        ExerciseInfo info = Catalogue.describe(suite);
        var runner = new CheckRunner(info.checks(), suite, new HashSet<>(methods), limitMillis, events, output,
                learnerClasses());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            String check = runner.currentCheckId();
            if (check != null) {
                events.send(new ForkEvent.Exiting(check, exitCaller()));
            }
        }, "wdl-exit-reporter"));
        events.send(new ForkEvent.Hello(System.getProperty("java.version"), Measure.cores()));

        List<DiscoverySelector> selectors = new ArrayList<>();
        for (String m : methods) {
            selectors.add(selectMethod(suite, CheckRunner.method(suite, m)));
        }
        var request = LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .build();
        var launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false).build());
        launcher.execute(request, runner);
        runner.finishRemaining();
    }

    /** Who called System.exit: the frame below Runtime.exit in the thread that is waiting for hooks to finish. */
    private static String exitCaller() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] stack = e.getValue();
            for (int i = 0; i < stack.length; i++) {
                if (stack[i].getClassName().equals("java.lang.Runtime") && stack[i].getMethodName().equals("exit")) {
                    for (int j = i + 1; j < stack.length; j++) {
                        String cls = stack[j].getClassName();
                        if (!cls.equals("java.lang.System") && !cls.equals("java.lang.Runtime")) {
                            return "System.exit was called at " + cls.substring(cls.lastIndexOf('.') + 1) + "."
                                    + stack[j].getMethodName() + "(" + stack[j].getFileName() + ":"
                                    + stack[j].getLineNumber() + ") on thread \"" + e.getKey().getName() + "\"";
                        }
                    }
                }
            }
        }
        return "the JVM was shut down while the check ran";
    }

    /**
     * Learner code: classes compiled from the submission ({@value Submission#CLASSES_PROPERTY}), or the package of
     * an implementation named by {@code wdl.impl.*}.
     */
    static Predicate<String> learnerClasses() {
        Set<String> topLevel = new HashSet<>();
        Set<String> packages = new HashSet<>();
        String dir = System.getProperty(Submission.CLASSES_PROPERTY);
        if (dir != null) {
            Path root = Path.of(dir);
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                    String rel = root.relativize(p).toString().replace(java.io.File.separatorChar, '.');
                    String name = rel.substring(0, rel.length() - ".class".length());
                    int dollar = name.indexOf('$');
                    topLevel.add(dollar < 0 ? name : name.substring(0, dollar));
                });
            } catch (IOException ignored) {
                // no learner classes known: frames are shown untrimmed
            }
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(Submission.IMPL_PROPERTY_PREFIX)) {
                String impl = System.getProperty(key);
                int dot = impl.lastIndexOf('.');
                if (dot < 0) {
                    topLevel.add(impl);
                } else {
                    packages.add(impl.substring(0, dot + 1));
                }
            }
        }
        return name -> {
            int dollar = name.indexOf('$');
            String top = dollar < 0 ? name : name.substring(0, dollar);
            if (topLevel.contains(top)) {
                return true;
            }
            for (String p : packages) {
                if (name.startsWith(p)) {
                    return true;
                }
            }
            return false;
        };
    }
}
