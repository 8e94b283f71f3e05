package org.workdistlab.grader.suites.hashring;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.workdistlab.exercises.hashring.HashRing;
import org.workdistlab.exercises.hashring.HashRingFactory;

/**
 * A correct ring written differently from the reference: a plain {@link TreeMap} guarded by a read-write lock
 * (lookups share the read lock, changes take the write lock), a new MessageDigest clone per lookup. Must get full
 * marks.
 */
public final class ReadWriteLockRing implements HashRingFactory {

    @Override
    public HashRing create(int virtualNodesPerNode) {
        if (virtualNodesPerNode < 1) {
            throw new IllegalArgumentException("virtualNodesPerNode must be at least 1");
        }
        return new Ring(virtualNodesPerNode);
    }

    private static final class Ring implements HashRing {
        private static final MessageDigest PROTOTYPE;

        static {
            try {
                PROTOTYPE = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final int vnodes;
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final TreeMap<Long, String> ring = new TreeMap<>(); // guarded by lock
        private final Set<String> members = new LinkedHashSet<>(); // guarded by lock

        Ring(int vnodes) {
            this.vnodes = vnodes;
        }

        private static long position(String s) {
            try {
                var md5 = (MessageDigest) PROTOTYPE.clone();
                return ByteBuffer.wrap(md5.digest(s.getBytes(StandardCharsets.UTF_8))).getLong();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean addNode(String node) {
            Objects.requireNonNull(node);
            lock.writeLock().lock();
            try {
                if (!members.add(node)) {
                    return false;
                }
                for (int i = 0; i < vnodes; i++) {
                    ring.put(position(node + "#" + i), node);
                }
                return true;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public boolean removeNode(String node) {
            Objects.requireNonNull(node);
            lock.writeLock().lock();
            try {
                if (!members.remove(node)) {
                    return false;
                }
                ring.values().removeIf(node::equals);
                return true;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Override
        public String nodeFor(String key) {
            Objects.requireNonNull(key);
            long h = position(key);
            lock.readLock().lock();
            try {
                if (ring.isEmpty()) {
                    throw new IllegalStateException("the ring is empty: add a node first");
                }
                Map.Entry<Long, String> e = ring.ceilingEntry(h);
                return (e != null ? e : ring.firstEntry()).getValue();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public Set<String> nodes() {
            lock.readLock().lock();
            try {
                return Set.copyOf(members);
            } finally {
                lock.readLock().unlock();
            }
        }
    }
}
