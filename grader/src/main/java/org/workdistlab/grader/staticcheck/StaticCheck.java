package org.workdistlab.grader.staticcheck;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The first line of defence: before any learner code runs, reject bytecode that reaches for what an exercise never
 * needs (processes, exiting the JVM, reflection into the grader, files, sockets, Unsafe, native code). The process
 * boundary and the fork's limits are the second line: this check is a guard rail with clear messages, not a
 * sandbox.
 *
 * <p>Each {@link Rule} is phrased for learners:
 * {@code "MyBatcher.close() calls System.exit (MyBatcher.java:42): an exercise never needs to exit the JVM; remove it"}.
 */
public final class StaticCheck {

    /** Rejections listed at most. */
    public static final int MAX_REJECTIONS = 10;

    /** A forbidden target: classes (by prefix) and optionally member names, with the reason shown to learners. */
    public record Rule(String owner, Set<String> members, String what, String why) {
        public Rule {
            members = Set.copyOf(members);
        }

        boolean matches(String ownerName, String member) {
            boolean ownerMatch = owner.endsWith(".") ? ownerName.startsWith(owner) : ownerName.equals(owner)
                    || ownerName.startsWith(owner + "$");
            return ownerMatch && (members.isEmpty() || (member != null && members.contains(member)));
        }
    }

    /** The rules, in the order they are reported. */
    public static final List<Rule> RULES = List.of(
            new Rule("java.lang.System", Set.of("exit"), "System.exit",
                    "an exercise never needs to exit the JVM; remove it"),
            new Rule("java.lang.Runtime", Set.of("exit", "halt"), "Runtime.exit/halt",
                    "an exercise never needs to exit the JVM; remove it"),
            new Rule("java.lang.Runtime", Set.of("exec"), "Runtime.exec",
                    "an exercise never needs to start processes; use threads"),
            new Rule("java.lang.ProcessBuilder", Set.of(), "ProcessBuilder",
                    "an exercise never needs to start processes; use threads"),
            new Rule("java.lang.ProcessHandle", Set.of(), "ProcessHandle",
                    "an exercise never needs other processes; use threads"),
            new Rule("java.lang.System", Set.of("setOut", "setErr", "setIn", "setSecurityManager", "load",
                    "loadLibrary"), "System.setOut/setErr/setIn/load",
                    "an exercise never needs to replace the standard streams or load native code"),
            new Rule("java.lang.reflect.", Set.of("setAccessible", "trySetAccessible"),
                    "setAccessible", "an exercise never needs to break into other classes' private members"),
            new Rule("java.lang.reflect.Method", Set.of("invoke"), "Method.invoke",
                    "an exercise never needs reflection; call the code directly"),
            new Rule("java.lang.reflect.Field", Set.of("get", "set", "setInt", "setLong", "setBoolean", "getInt",
                    "getLong"), "Field.get/set", "an exercise never needs reflection; use the fields directly"),
            new Rule("java.lang.Class", Set.of("forName"), "Class.forName",
                    "an exercise never needs to load classes by name"),
            new Rule("java.lang.ClassLoader", Set.of(), "ClassLoader",
                    "an exercise never needs class loaders"),
            new Rule("java.lang.invoke.MethodHandles", Set.of("privateLookupIn"), "MethodHandles.privateLookupIn",
                    "an exercise never needs to break into other classes; VarHandles on your own fields are fine"),
            new Rule("java.lang.invoke.MethodHandles$Lookup", Set.of("findStatic", "findVirtual", "findConstructor",
                    "findSpecial", "findGetter", "findSetter", "findStaticGetter", "findStaticSetter", "unreflect",
                    "unreflectGetter", "unreflectSetter", "findClass"), "MethodHandles.Lookup.find*",
                    "an exercise only needs findVarHandle on its own fields"),
            new Rule("org.workdistlab.grader.", Set.of(), "the grader",
                    "a submission must not touch the grader; implement the contract only"),
            new Rule("java.io.File", Set.of(), "java.io.File",
                    "an exercise never needs files; keep everything in memory"),
            new Rule("java.io.FileInputStream", Set.of(), "FileInputStream", "an exercise never needs files"),
            new Rule("java.io.FileOutputStream", Set.of(), "FileOutputStream", "an exercise never needs files"),
            new Rule("java.io.FileReader", Set.of(), "FileReader", "an exercise never needs files"),
            new Rule("java.io.FileWriter", Set.of(), "FileWriter", "an exercise never needs files"),
            new Rule("java.io.RandomAccessFile", Set.of(), "RandomAccessFile", "an exercise never needs files"),
            new Rule("java.io.FileDescriptor", Set.of(), "FileDescriptor",
                    "an exercise never needs raw file descriptors; print with System.out"),
            new Rule("java.nio.file.", Set.of(), "java.nio.file", "an exercise never needs files"),
            new Rule("java.nio.channels.", Set.of(), "java.nio.channels",
                    "an exercise never needs files or sockets"),
            new Rule("java.net.", Set.of(), "java.net (sockets, URLs)",
                    "an exercise never needs the network; everything runs in one JVM"),
            new Rule("sun.misc.Unsafe", Set.of(), "sun.misc.Unsafe",
                    "use VarHandle or java.util.concurrent.atomic instead of Unsafe"),
            new Rule("jdk.internal.", Set.of(), "JDK internals", "use public APIs (java.util.concurrent)"),
            new Rule("sun.", Set.of(), "JDK internals (sun.*)", "use public APIs (java.util.concurrent)"),
            new Rule("java.lang.foreign.", Set.of(), "native memory (java.lang.foreign)",
                    "an exercise never needs native code"));

    private StaticCheck() {
    }

    static {
        // ArchUnit logs through SLF4J; without a provider SLF4J prints a three-line warning on every run.
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
    }

    /** One-line rejections for the classes under {@code classesDir}; empty means accepted. */
    public static List<String> check(Path classesDir) {
        return check(classesDir, List.of());
    }

    /**
     * As {@link #check(Path)}, with packages the submission may use although a rule names them: the exercise's
     * contract package (contracts of the grader's own fixture exercises live under the grader's package).
     */
    public static List<String> check(Path classesDir, List<String> allowedPackages) {
        // Names are enough: do not load JDK classes to resolve every referenced type (slow, and not needed).
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses classes = new ClassFileImporter().importPath(classesDir);
        var out = new LinkedHashSet<String>();
        var accessed = new LinkedHashSet<String>();
        var reported = new java.util.HashSet<String>();
        for (JavaClass c : classes) {
            for (JavaAccess<?> access : c.getAccessesFromSelf()) {
                AccessTarget target = access.getTarget();
                if (allowed(target.getOwner().getName(), allowedPackages)) {
                    continue;
                }
                Optional<Rule> rule = rule(target.getOwner().getName(), target.getName());
                if (rule.isPresent()) {
                    accessed.add(" depends on " + target.getOwner().getName() + " ");
                    String origin = origin(access.getOrigin().getOwner(), access.getOrigin().getName());
                    // one line per method and banned class is enough (not one per call on a banned Socket)
                    String key = origin + "|" + (rule.get().members().isEmpty() ? target.getOwner().getName()
                            : display(target));
                    if (reported.add(key)) {
                        String what = rule.get().members().isEmpty() ? target.getOwner().getSimpleName()
                                : display(target);
                        out.add(origin + " uses " + what + " (" + location(access) + "): "
                                + rule.get().why());
                    }
                }
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                if (allowed(d.getTargetClass().getName(), allowedPackages)) {
                    continue;
                }
                rule(d.getTargetClass().getName(), null).filter(r -> r.members().isEmpty()).ifPresent(r -> out.add(c.getSimpleName() + " depends on "
                        + d.getTargetClass().getName() + " " + d.getSourceCodeLocation() + ": " + r.why()));
            }
            for (JavaMethod m : c.getMethods()) {
                if (m.getModifiers().contains(JavaModifier.NATIVE)) {
                    out.add(c.getSimpleName() + "." + m.getName() + "() is native: an exercise never needs native "
                            + "code; write it in Java");
                }
            }
        }
        // Access lines are more precise than the dependency lines they imply: keep a dependency line only when no
        // access line names the same class.
        var lines = new ArrayList<String>();
        for (String line : out) {
            if (line.contains(" depends on ") && accessed.stream().anyMatch(line::contains)) {
                continue;
            }
            lines.add(line);
        }
        if (lines.size() > MAX_REJECTIONS) {
            int more = lines.size() - MAX_REJECTIONS;
            var head = new ArrayList<>(lines.subList(0, MAX_REJECTIONS));
            head.add("... and " + more + " more");
            return head;
        }
        return lines;
    }

    private static boolean allowed(String className, List<String> packages) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        return packages.contains(pkg);
    }

    private static Optional<Rule> rule(String owner, String member) {
        return RULES.stream().filter(r -> r.matches(owner, member)).findFirst();
    }

    private static String origin(JavaClass owner, String method) {
        String m = method.equals("<init>") ? "constructor" : method.equals("<clinit>") ? "static initializer"
                : method + "()";
        return owner.getSimpleName() + (m.equals("constructor") || m.equals("static initializer") ? "'s " + m
                : "." + m);
    }

    private static String display(AccessTarget target) {
        String owner = target.getOwner().getSimpleName();
        String name = target.getName();
        return name.equals("<init>") ? "new " + owner : owner + "." + name;
    }

    private static String location(JavaAccess<?> access) {
        String file = access.getOrigin().getOwner().getSource()
                .flatMap(s -> s.getFileName()).orElse(access.getOrigin().getOwner().getSimpleName() + ".java");
        return file + ":" + access.getLineNumber();
    }
}
