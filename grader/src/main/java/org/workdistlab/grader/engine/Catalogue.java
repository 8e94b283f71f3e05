package org.workdistlab.grader.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.platform.commons.support.ReflectionSupport;
import org.workdistlab.grader.ExerciseInfo;
import org.workdistlab.grader.api.Check;
import org.workdistlab.grader.api.Exercise;

/**
 * Finds {@link Exercise} suites in packages and reads their {@link Check}s. Reading annotations loads the suite
 * classes but never runs them, so this is safe in the grading (parent) process.
 */
public final class Catalogue {

    /** Where the real suites live. */
    public static final String DEFAULT_SUITE_PACKAGE = "org.workdistlab.grader.suites";

    private final List<ExerciseInfo> exercises;

    private Catalogue(List<ExerciseInfo> exercises) {
        this.exercises = List.copyOf(exercises);
    }

    /** The exercises of every {@code @Exercise} class found in {@code packages} (and their subpackages), by id. */
    public static Catalogue scan(List<String> packages) {
        var found = new ArrayList<ExerciseInfo>();
        var ids = new HashSet<String>();
        for (String pkg : packages) {
            List<Class<?>> suites = ReflectionSupport.findAllClassesInPackage(pkg,
                    c -> c.isAnnotationPresent(Exercise.class) && !Modifier.isAbstract(c.getModifiers()), n -> true);
            for (Class<?> suite : suites) {
                ExerciseInfo info = describe(suite);
                if (!ids.add(info.id())) {
                    throw new IllegalStateException("two suites declare exercise '" + info.id() + "': keep one ("
                            + suite.getName() + ")");
                }
                found.add(info);
            }
        }
        found.sort(Comparator.comparing(ExerciseInfo::id));
        return new Catalogue(found);
    }

    /** Reads one suite's annotations. */
    public static ExerciseInfo describe(Class<?> suite) {
        Exercise exercise = suite.getAnnotation(Exercise.class);
        if (exercise == null) {
            throw new IllegalArgumentException(suite.getName() + " is not annotated @Exercise");
        }
        var methods = new ArrayList<Method>();
        for (Class<?> c = suite; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Check.class)
                        && methods.stream().noneMatch(x -> x.getName().equals(m.getName()))) {
                    methods.add(m);
                }
            }
        }
        methods.sort(Comparator.comparingInt(m -> Optional.ofNullable(m.getAnnotation(Order.class))
                .map(Order::value).orElse(Order.DEFAULT)));
        var checks = new ArrayList<ExerciseInfo.CheckInfo>();
        var checkIds = new HashSet<String>();
        for (Method m : methods) {
            Check check = m.getAnnotation(Check.class);
            if (!checkIds.add(check.id())) {
                throw new IllegalStateException(suite.getName() + " has two checks with id '" + check.id() + "'");
            }
            String display = Optional.ofNullable(m.getAnnotation(DisplayName.class)).map(DisplayName::value)
                    .orElse(m.getName());
            checks.add(new ExerciseInfo.CheckInfo(check.id(), m.getName(), display, check.points(), check.hint(),
                    check.section(), check.timeoutSeconds(), Arrays.asList(check.requires())));
        }
        return new ExerciseInfo(exercise.id(), exercise.title(), exercise.contract().getName(), suite.getName(),
                checks);
    }

    public List<ExerciseInfo> exercises() {
        return exercises;
    }

    public Optional<ExerciseInfo> find(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
