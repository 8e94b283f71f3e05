package org.workdistlab.grader.suites.hashring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.workdistlab.exercises.hashring.HashRing;
import org.workdistlab.exercises.hashring.HashRingFactory;

/**
 * A correct ring written differently from the reference: a {@link ConcurrentSkipListMap} from position to node,
 * lock-free lookups with {@code ceilingEntry}, writers serialised by a lock. A lookup during a change may see
 * some of the changing node's points and not others, which the contract allows. Must get full marks.
 */
public final class SkipListRing implements HashRingFactory {

    @Override
    public HashRing create(int virtualNodesPerNode) {
        if (virtualNodesPerNode < 1) {
            throw new IllegalArgumentException("virtualNodesPerNode must be at least 1");
        }
        return new Ring(virtualNodesPerNode);
    }

    private static final class Ring implements HashRing {
        private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
            try {
                return MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });

        private final int vnodes;
        private final ConcurrentSkipListMap<Long, String> ring = new ConcurrentSkipListMap<>();
        private final Set<String> members = ConcurrentHashMap.newKeySet();
        private final Object writers = new Object();

        Ring(int vnodes) {
            this.vnodes = vnodes;
        }

        private static long position(String s) {
            byte[] d = MD5.get().digest(s.getBytes(StandardCharsets.UTF_8));
            long p = 0;
            for (int i = 0; i < 8; i++) {
                p = p << 8 | (d[i] & 0xFF);
            }
            return p;
        }

        @Override
        public boolean addNode(String node) {
            Objects.requireNonNull(node);
            synchronized (writers) {
                if (!members.add(node)) {
                    return false;
                }
                for (int i = 0; i < vnodes; i++) {
                    ring.put(position(node + "#" + i), node);
                }
                return true;
            }
        }

        @Override
        public boolean removeNode(String node) {
            Objects.requireNonNull(node);
            synchronized (writers) {
                if (!members.remove(node)) {
                    return false;
                }
                for (int i = 0; i < vnodes; i++) {
                    ring.remove(position(node + "#" + i), node);
                }
                return true;
            }
        }

        @Override
        public String nodeFor(String key) {
            Objects.requireNonNull(key);
            long h = position(key);
            while (true) {
                Map.Entry<Long, String> e = ring.ceilingEntry(h);
                if (e == null) {
                    e = ring.firstEntry();
                }
                if (e != null) {
                    return e.getValue();
                }
                if (ring.isEmpty()) {
                    throw new IllegalStateException("the ring is empty: add a node first");
                }
            }
        }

        @Override
        public Set<String> nodes() {
            return Set.copyOf(members);
        }
    }
}
