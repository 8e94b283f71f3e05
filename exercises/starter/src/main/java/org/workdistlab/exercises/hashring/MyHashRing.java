package org.workdistlab.exercises.hashring;

import java.util.Set;

/**
 * Your consistent-hash ring. This public class is the factory the grader creates; the ring itself is the nested
 * {@link Ring}. Read the contract on {@link HashRing} first: it defines the exact hash and lists every rule the
 * grader checks.
 *
 * <p>Grade it with {@code ./lab grade hashring path/to/MyHashRing.java}.
 */
public class MyHashRing implements HashRingFactory {

    @Override
    public HashRing create(int virtualNodesPerNode) {
        return new Ring(virtualNodesPerNode);
    }

    static final class Ring implements HashRing {

        Ring(int virtualNodesPerNode) {
            // TODO: keep the count; pick a sorted structure for the virtual nodes (TreeMap, or sorted arrays).
        }

        @Override
        public boolean addNode(String node) {
            throw new UnsupportedOperationException("TODO: put the node's virtual nodes node + \"#\" + i on the "
                    + "ring at their MD5 positions; return false if the node is already there");
        }

        @Override
        public boolean removeNode(String node) {
            throw new UnsupportedOperationException("TODO: take all of the node's virtual nodes off the ring; "
                    + "return false if it was not there");
        }

        @Override
        public String nodeFor(String key) {
            throw new UnsupportedOperationException("TODO: find the first virtual node at or after the key's MD5 "
                    + "position (wrap around to the first one); with a sorted structure this is O(log n)");
        }

        @Override
        public Set<String> nodes() {
            throw new UnsupportedOperationException("TODO: return an unmodifiable snapshot of the current nodes");
        }
    }
}
