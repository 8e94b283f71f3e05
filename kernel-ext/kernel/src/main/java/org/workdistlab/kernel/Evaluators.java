package org.workdistlab.kernel;

import java.nio.file.Path;
import java.util.List;
import org.workdistlab.kernel.eval.Evaluator;

/** Builds the kernel's evaluator from the {@code run} options. */
final class Evaluators {

    private Evaluators() {
    }

    static Evaluator create(List<Path> classpath, List<Path> startup) {
        try {
            // Until the JShell evaluator is part of this module's build, find it by name.
            Class<?> c = Class.forName("org.workdistlab.kernel.eval.JShellEvaluator");
            return (Evaluator) c.getMethod("create", List.class, List.class).invoke(null, classpath, startup);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JShell evaluator is not available: " + e, e);
        }
    }
}
