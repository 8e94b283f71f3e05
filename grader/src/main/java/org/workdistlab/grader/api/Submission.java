package org.workdistlab.grader.api;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How a suite gets the learner's implementation of a contract, without naming learner classes.
 *
 * <p>Resolution, first match wins:
 * <ol>
 *   <li>system property {@code wdl.impl.<contract's binary name>} names the implementation class (used by the
 *       grader's own tests to grade the reference, the broken catalogue, and alternative solutions);</li>
 *   <li>otherwise the compiled submission in the folder named by system property {@code wdl.submission.classes}
 *       (on the class path) is scanned for the one public, concrete class with a public no-argument
 *       constructor that implements the contract.</li>
 * </ol>
 * Each call returns a new instance.
 */
public final class Submission {

    /** Prefix of the property that names an implementation: {@code wdl.impl.<contract binary name>}. */
    public static final String IMPL_PROPERTY_PREFIX = "wdl.impl.";
    /** Property naming the folder of the submission's compiled classes. */
    public static final String CLASSES_PROPERTY = "wdl.submission.classes";

    private Submission() {
    }

    /** A new instance of the submission's implementation of {@code contract}. */
    public static <T> T create(Class<T> contract) {
        Class<? extends T> type = implementationOf(contract);
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SubmissionException("could not create " + type.getName() + " (" + contract.getSimpleName()
                    + "): its public no-argument constructor failed with " + cause, cause);
        }
    }

    /** The class that implements {@code contract}, per the rules above. */
    public static <T> Class<? extends T> implementationOf(Class<T> contract) {
        var loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Submission.class.getClassLoader();
        }
        String named = System.getProperty(IMPL_PROPERTY_PREFIX + contract.getName());
        if (named != null) {
            return load(named, contract, loader);
        }
        String dir = System.getProperty(CLASSES_PROPERTY);
        if (dir == null) {
            throw new SubmissionException("no submission: set -D" + CLASSES_PROPERTY + "=<classes dir> or -D"
                    + IMPL_PROPERTY_PREFIX + contract.getName() + "=<class>");
        }
        var candidates = new ArrayList<Class<? extends T>>();
        for (String name : classNames(Path.of(dir))) {
            Class<?> c;
            try {
                c = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (contract.isAssignableFrom(c) && Modifier.isPublic(c.getModifiers())
                    && !Modifier.isAbstract(c.getModifiers()) && !c.isInterface() && hasNoArgConstructor(c)) {
                candidates.add(c.asSubclass(contract));
            }
        }
        if (candidates.isEmpty()) {
            throw new SubmissionException("no class in the submission implements " + contract.getSimpleName()
                    + ": write a public class with a public no-argument constructor that implements "
                    + contract.getName() + " (the starter has one to fill in)");
        }
        if (candidates.size() > 1) {
            throw new SubmissionException("more than one class implements " + contract.getSimpleName() + ": "
                    + candidates.stream().map(Class::getName).toList() + "; keep exactly one");
        }
        return candidates.get(0);
    }

    private static <T> Class<? extends T> load(String name, Class<T> contract, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(name, true, loader);
            if (!contract.isAssignableFrom(c)) {
                throw new SubmissionException(name + " does not implement " + contract.getName());
            }
            return c.asSubclass(contract);
        } catch (ClassNotFoundException e) {
            throw new SubmissionException("class " + name + " named for " + contract.getSimpleName()
                    + " was not found", e);
        }
    }

    private static boolean hasNoArgConstructor(Class<?> c) {
        try {
            return Modifier.isPublic(c.getConstructor().getModifiers());
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static List<String> classNames(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString())
                    .map(s -> s.substring(0, s.length() - ".class".length()).replace(java.io.File.separatorChar, '.'))
                    .filter(s -> !s.contains("$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new SubmissionException("cannot read the compiled submission in " + root + ": " + e.getMessage(), e);
        }
    }
}
