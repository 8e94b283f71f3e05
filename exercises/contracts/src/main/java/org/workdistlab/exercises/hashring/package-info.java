/**
 * Pattern 4 and Specter 4 of module 1: a consistent-hash ring with virtual nodes, which spreads keys evenly over
 * nodes and, unlike {@code hash(key) % nodes}, moves only about {@code 1/n} of the keys when a node joins or
 * leaves.
 *
 * <p>The learner implements {@link org.workdistlab.exercises.hashring.HashRingFactory} (one public class with a
 * public no-argument constructor); the ring is usually a nested class of it. Everything the grader checks,
 * including the exact hash, is stated on {@link org.workdistlab.exercises.hashring.HashRing}.
 */
package org.workdistlab.exercises.hashring;
