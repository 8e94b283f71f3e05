package org.workdistlab.grader.suites.hashring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract's ring, written as plainly as possible, as the grader's oracle: a TreeMap from position to node,
 * built from scratch for one membership. Slow to build, obviously right; it shares no code with the reference.
 */
final class RingDefinition {

    private final TreeMap<Long, String> points = new TreeMap<>();

    RingDefinition(Collection<String> nodes, int virtualNodesPerNode) {
        for (String node : nodes) {
            for (int i = 0; i < virtualNodesPerNode; i++) {
                points.put(position(node + "#" + i), node);
            }
        }
        if (points.size() != nodes.size() * virtualNodesPerNode) {
            throw new IllegalStateException("two virtual nodes share a position; choose other node names");
        }
    }

    String ownerOf(String key) {
        Map.Entry<Long, String> e = points.ceilingEntry(position(key));
        return (e != null ? e : points.firstEntry()).getValue();
    }

    /** MD5 of the UTF-8 bytes; the first 8 bytes as a big-endian long. */
    static long position(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
