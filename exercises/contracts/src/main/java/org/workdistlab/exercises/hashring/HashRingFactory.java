package org.workdistlab.exercises.hashring;

/**
 * What a learner implements: ONE public class with a public no-argument constructor that implements this
 * interface (the starter {@code MyHashRing} is one). The grader calls {@link #create} once or more per check.
 */
public interface HashRingFactory {

    /**
     * A new, empty ring.
     *
     * @param virtualNodesPerNode how many points each node gets on the ring (a tunable: libketama uses 160, the
     *                            grader uses 1, 150 and others); at least 1
     * @throws IllegalArgumentException if {@code virtualNodesPerNode < 1}
     */
    HashRing create(int virtualNodesPerNode);
}
