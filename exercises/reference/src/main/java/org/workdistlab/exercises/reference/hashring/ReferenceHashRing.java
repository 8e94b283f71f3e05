package org.workdistlab.exercises.reference.hashring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.workdistlab.exercises.hashring.HashRing;
import org.workdistlab.exercises.hashring.HashRingFactory;

/**
 * Reference consistent-hash ring: an immutable sorted snapshot, replaced whole on every membership change.
 *
 * <h2>Invariant</h2>
 * {@code snapshot.positions} is sorted ascending (signed), {@code snapshot.owners[i]} owns
 * {@code positions[i]}, and the two arrays plus the member set always describe the same membership, because
 * they are built together and published by one volatile write. A lookup reads {@code snapshot} once, so it
 * sees one membership from start to end: never half of a change.
 *
 * <h2>Concurrency</h2>
 * Lookups take no lock: one volatile read, one MD5, one binary search (O(log n) in the number of virtual
 * nodes). Changes are rare and serialised by {@code writeLock}; each copies the arrays (O(n)), merging the new
 * node's sorted positions in, or filtering the removed node out. Copy-on-write is the right trade for a ring,
 * which is read millions of times per membership change.
 *
 * <h2>Hash</h2>
 * As the contract defines: the first 8 bytes of MD5 over UTF-8, big-endian. MessageDigest is not thread-safe
 * and {@code getInstance} is slow on a hot path, so each thread keeps one.
 */
public final class ReferenceHashRing implements HashRingFactory {

    public ReferenceHashRing() {
    }

    @Override
    public HashRing create(int virtualNodesPerNode) {
        if (virtualNodesPerNode < 1) {
            throw new IllegalArgumentException("virtualNodesPerNode must be at least 1, was " + virtualNodesPerNode);
        }
        return new Ring(virtualNodesPerNode);
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide MD5", e);
        }
    });

    /** The contract's position: MD5 of the UTF-8 bytes, first 8 bytes as a big-endian long. */
    static long position(String s) {
        byte[] d = MD5.get().digest(s.getBytes(StandardCharsets.UTF_8));
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = (p << 8) | (d[i] & 0xFF);
        }
        return p;
    }

    private record Snapshot(long[] positions, String[] owners, Set<String> members) {
        static final Snapshot EMPTY = new Snapshot(new long[0], new String[0], Set.of());
    }

    private static final class Ring implements HashRing {
        private final int vnodes;
        private final Object writeLock = new Object();
        private volatile Snapshot snapshot = Snapshot.EMPTY;

        Ring(int vnodes) {
            this.vnodes = vnodes;
        }

        @Override
        public String nodeFor(String key) {
            Objects.requireNonNull(key, "key");
            Snapshot s = snapshot;
            if (s.positions.length == 0) {
                throw new IllegalStateException("the ring is empty: add a node before looking up keys");
            }
            int i = Arrays.binarySearch(s.positions, position(key));
            if (i < 0) {
                i = -i - 1; // first position >= the key's
            }
            return s.owners[i == s.positions.length ? 0 : i];
        }

        @Override
        public boolean addNode(String node) {
            Objects.requireNonNull(node, "node");
            synchronized (writeLock) {
                Snapshot s = snapshot;
                if (s.members.contains(node)) {
                    return false;
                }
                long[] added = new long[vnodes];
                for (int i = 0; i < vnodes; i++) {
                    added[i] = position(node + "#" + i);
                }
                Arrays.sort(added);
                int n = s.positions.length;
                long[] positions = new long[n + vnodes];
                String[] owners = new String[n + vnodes];
                int a = 0;
                int b = 0;
                for (int k = 0; k < positions.length; k++) {
                    if (b == vnodes || (a < n && s.positions[a] <= added[b])) {
                        positions[k] = s.positions[a];
                        owners[k] = s.owners[a++];
                    } else {
                        positions[k] = added[b++];
                        owners[k] = node;
                    }
                }
                var members = new LinkedHashSet<>(s.members);
                members.add(node);
                snapshot = new Snapshot(positions, owners, Set.copyOf(members));
                return true;
            }
        }

        @Override
        public boolean removeNode(String node) {
            Objects.requireNonNull(node, "node");
            synchronized (writeLock) {
                Snapshot s = snapshot;
                if (!s.members.contains(node)) {
                    return false;
                }
                int n = s.positions.length - vnodes;
                long[] positions = new long[n];
                String[] owners = new String[n];
                int k = 0;
                for (int i = 0; i < s.positions.length; i++) {
                    if (!s.owners[i].equals(node)) {
                        positions[k] = s.positions[i];
                        owners[k++] = s.owners[i];
                    }
                }
                var members = new LinkedHashSet<>(s.members);
                members.remove(node);
                snapshot = new Snapshot(positions, owners, Set.copyOf(members));
                return true;
            }
        }

        @Override
        public Set<String> nodes() {
            return snapshot.members;
        }
    }
}
