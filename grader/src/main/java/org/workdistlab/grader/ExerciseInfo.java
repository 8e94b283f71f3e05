package org.workdistlab.grader;

import java.util.List;

/**
 * An exercise the grader knows, discovered from its {@code @Exercise} suite.
 *
 * @param id            what users type ({@code batcher})
 * @param title         a human title
 * @param contractClass the contract's binary name
 * @param suiteClass    the suite's binary name
 * @param checks        the checks, in source order of their methods as reported by reflection
 */
public record ExerciseInfo(String id, String title, String contractClass, String suiteClass, List<CheckInfo> checks) {

    public ExerciseInfo {
        checks = List.copyOf(checks);
    }

    /** Points available. */
    public int maxScore() {
        return checks.stream().mapToInt(CheckInfo::points).sum();
    }

    /**
     * One check of an exercise, from its {@code @Check} annotation.
     *
     * @param method the test method's name in the suite
     */
    public record CheckInfo(String id, String method, String displayName, int points, String hint, String section,
                            int timeoutSeconds, List<String> requires) {
        public CheckInfo {
            requires = List.copyOf(requires);
        }
    }
}
