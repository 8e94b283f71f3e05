package org.workdistlab.grader.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a grader suite class: which exercise its {@link Check}s grade. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Exercise {

    /** The exercise id users type, e.g. {@code "batcher"}, {@code "workqueue"}, {@code "hashring"}. */
    String id();

    /** A human title, e.g. {@code "SmartBatcher"}. */
    String title();

    /** The contract type the learner implements (a factory interface with a public no-argument implementation). */
    Class<?> contract();
}
