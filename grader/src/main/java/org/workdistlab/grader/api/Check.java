package org.workdistlab.grader.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit test method as a graded check: the one place that says what it is worth, what to tell a
 * learner who loses it, and where the course explains it.
 *
 * <p>A check passes when its test passes; anything else (failure, error, timeout, abort, the fork dying
 * while it ran) loses all of its points.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Check {

    /** Stable id within its exercise, e.g. {@code "flush-on-size"}; used in reports and JSON. */
    String id();

    /** Points for passing. */
    int points();

    /** What to look at when this check fails, addressed to the learner. */
    String hint();

    /** The notebook section that teaches this, e.g. {@code "03-batching#max-wait"}. */
    String section();

    /** Per-check time limit in seconds; the grader stops the check (and reports it) past this. */
    int timeoutSeconds() default 10;

    /**
     * Ids of checks in the same exercise that must pass for this one to earn points (e.g. a performance check
     * requires the correctness checks: an incorrect implementation earns no speed points). The grader applies
     * this after all checks ran; a gated check reports which requirement failed.
     */
    String[] requires() default {};
}
