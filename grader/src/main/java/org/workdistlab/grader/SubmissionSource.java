package org.workdistlab.grader;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to grade: learner sources to compile, or (for the grader's own tests) an implementation that is already
 * compiled on a class path.
 */
public sealed interface SubmissionSource {

    /**
     * Learner sources at one path: a Maven-style project (its {@code src/main/java} is used), a folder of
     * {@code .java} files (searched recursively), a single {@code .java} file, or a Jupyter notebook
     * ({@code .ipynb}) whose code cells tagged {@code exercise:<id>} in their metadata {@code tags} hold the solution.
     */
    record Sources(Path path) implements SubmissionSource {
        public Sources {
            Objects.requireNonNull(path, "path must not be null");
        }
    }

    /** Several {@code .java} files compiled together (the CLI's {@code grade <exercise> A.java B.java}). */
    record SourceFiles(List<Path> files) implements SubmissionSource {
        public SourceFiles {
            files = List.copyOf(files);
            if (files.isEmpty()) {
                throw new IllegalArgumentException("files must not be empty");
            }
        }
    }

    /**
     * An implementation already compiled on {@code classpath} (used by the grader's own tests to grade the
     * reference, broken variants and alternatives). It is passed to the fork as
     * {@code -Dwdl.impl.<contractClassName>=<implementationClassName>}; no compile and no static check happen.
     */
    record ImplementationClass(String contractClassName, String implementationClassName, List<Path> classpath)
            implements SubmissionSource {
        public ImplementationClass {
            Objects.requireNonNull(contractClassName, "contractClassName must not be null");
            Objects.requireNonNull(implementationClassName, "implementationClassName must not be null");
            classpath = List.copyOf(classpath);
        }

        /** An implementation on the grader's own class path (the usual case in tests). */
        public static ImplementationClass of(Class<?> contract, Class<?> implementation) {
            return new ImplementationClass(contract.getName(), implementation.getName(), List.of());
        }
    }
}
