package org.workdistlab.grader.suites.hashring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.workdistlab.exercises.hashring.HashRing;
import org.workdistlab.exercises.hashring.HashRingFactory;

/**
 * The catalogue of broken rings: one correct ring (sorted arrays, binary search, copy-on-write snapshot) with one
 * {@link Bug} switched on per public nested class. {@link Bug#NONE} is correct and must get full marks.
 */
public final class BrokenRings {

    private BrokenRings() {
    }

    enum Bug {
        /** None: a correct ring. */
        NONE,
        /** hash(key) % number of nodes: even, but a change of membership remaps almost every key. */
        MODULO,
        /** Positions from String.hashCode(): stable, but clusters similar names and keys on the ring. */
        STRING_HASHCODE,
        /** One point per node, whatever virtualNodesPerNode says. */
        NO_VIRTUAL_NODES,
        /** MD5 salted with a per-process random value (like Python's hash()): a different ring in every JVM. */
        SALTED_HASH,
        /** A key past the last virtual node goes to the last one instead of wrapping to the first. */
        WRONG_WRAP,
        /** Every removal rebuilds the ring with new positions for every node. */
        RESHUFFLE_ON_REMOVE,
        /** Positions and owners in two arrays, published one after the other with no synchronisation. */
        UNSYNCHRONIZED,
        /** Finds the owner by scanning every virtual node: O(n) per lookup. */
        LINEAR_SCAN,
        /** addNode does not check membership: adding twice duplicates the virtual nodes. */
        ADD_TWICE_DUPLICATES,
        /** nodeFor on an empty ring returns null. */
        EMPTY_RETURNS_NULL,
        /** removeNode of an unknown node throws instead of returning false. */
        REMOVE_UNKNOWN_THROWS,
    }

    public static final class Correct extends Buggy { public Correct() { super(Bug.NONE); } }
    public static final class Modulo extends Buggy { public Modulo() { super(Bug.MODULO); } }
    public static final class StringHashCode extends Buggy { public StringHashCode() { super(Bug.STRING_HASHCODE); } }
    public static final class NoVirtualNodes extends Buggy { public NoVirtualNodes() { super(Bug.NO_VIRTUAL_NODES); } }
    public static final class SaltedHash extends Buggy { public SaltedHash() { super(Bug.SALTED_HASH); } }
    public static final class WrongWrap extends Buggy { public WrongWrap() { super(Bug.WRONG_WRAP); } }
    public static final class ReshuffleOnRemove extends Buggy { public ReshuffleOnRemove() { super(Bug.RESHUFFLE_ON_REMOVE); } }
    public static final class Unsynchronized extends Buggy { public Unsynchronized() { super(Bug.UNSYNCHRONIZED); } }
    public static final class LinearScan extends Buggy { public LinearScan() { super(Bug.LINEAR_SCAN); } }
    public static final class AddTwiceDuplicates extends Buggy { public AddTwiceDuplicates() { super(Bug.ADD_TWICE_DUPLICATES); } }
    public static final class EmptyReturnsNull extends Buggy { public EmptyReturnsNull() { super(Bug.EMPTY_RETURNS_NULL); } }
    public static final class RemoveUnknownThrows extends Buggy { public RemoveUnknownThrows() { super(Bug.REMOVE_UNKNOWN_THROWS); } }

    abstract static class Buggy implements HashRingFactory {
        private final Bug bug;

        Buggy(Bug bug) {
            this.bug = bug;
        }

        @Override
        public HashRing create(int virtualNodesPerNode) {
            return new Ring(bug, bug == Bug.NO_VIRTUAL_NODES ? 1 : virtualNodesPerNode);
        }
    }

    private static final String SALT = Long.toHexString(ThreadLocalRandom.current().nextLong()) + ":";

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final class Ring implements HashRing {
        private final Bug bug;
        private final int vnodes;
        private final Object writeLock = new Object();
        private volatile Snapshot snap = new Snapshot(new long[0], new String[0], List.of());
        // UNSYNCHRONIZED reads these two instead of snap: written one after the other, read without a snapshot.
        private volatile long[] positions = new long[0];
        private volatile String[] owners = new String[0];
        private int removals; // guarded by writeLock

        Ring(Bug bug, int vnodes) {
            this.bug = bug;
            this.vnodes = vnodes;
        }

        private long position(String s) {
            return switch (bug) {
                case STRING_HASHCODE -> s.hashCode();
                case SALTED_HASH -> md5(SALT + s);
                case RESHUFFLE_ON_REMOVE -> removals == 0 ? md5(s) : md5(removals + "/" + s);
                default -> md5(s);
            };
        }

        private static long md5(String s) {
            byte[] d = MD5.get().digest(s.getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(d).getLong();
        }

        @Override
        public String nodeFor(String key) {
            Objects.requireNonNull(key);
            if (bug == Bug.UNSYNCHRONIZED) {
                long[] p = positions; // may belong to a different membership than the owners read below
                long h = position(key);
                if (p.length == 0) {
                    throw new IllegalStateException("empty ring");
                }
                int i = Arrays.binarySearch(p, h);
                i = i < 0 ? -i - 1 : i;
                return owners[i == p.length ? 0 : i];
            }
            Snapshot s = snap;
            if (s.positions.length == 0) {
                if (bug == Bug.EMPTY_RETURNS_NULL) {
                    return null;
                }
                throw new IllegalStateException("empty ring");
            }
            if (bug == Bug.MODULO) {
                return s.sortedMembers.get((int) Math.floorMod(position(key), (long) s.sortedMembers.size()));
            }
            long h = position(key);
            if (bug == Bug.LINEAR_SCAN) {
                int best = -1;
                int first = 0;
                for (int i = 0; i < s.positions.length; i++) {
                    if (s.positions[i] >= h && (best < 0 || s.positions[i] < s.positions[best])) {
                        best = i;
                    }
                    if (s.positions[i] < s.positions[first]) {
                        first = i;
                    }
                }
                return s.owners[best >= 0 ? best : first];
            }
            int i = Arrays.binarySearch(s.positions, h);
            i = i < 0 ? -i - 1 : i;
            if (i == s.positions.length) {
                i = bug == Bug.WRONG_WRAP ? s.positions.length - 1 : 0;
            }
            return s.owners[i];
        }

        private record Snapshot(long[] positions, String[] owners, List<String> members, List<String> sortedMembers) {
            Snapshot(long[] positions, String[] owners, List<String> members) {
                this(positions, owners, members, members.stream().sorted().toList());
            }
        }

        @Override
        public boolean addNode(String node) {
            Objects.requireNonNull(node);
            synchronized (writeLock) {
                Snapshot s = snap;
                if (s.members.contains(node) && bug != Bug.ADD_TWICE_DUPLICATES) {
                    return false;
                }
                var members = new ArrayList<>(s.members);
                members.add(node);
                publish(merge(s.positions, s.owners, node), members);
                return true;
            }
        }

        @Override
        public boolean removeNode(String node) {
            Objects.requireNonNull(node);
            synchronized (writeLock) {
                Snapshot s = snap;
                if (!s.members.contains(node)) {
                    if (bug == Bug.REMOVE_UNKNOWN_THROWS) {
                        throw new NoSuchElementException("no node " + node);
                    }
                    return false;
                }
                var members = new ArrayList<>(s.members);
                members.remove(node); // one copy, if it was added twice
                if (bug == Bug.RESHUFFLE_ON_REMOVE) {
                    removals++;
                    Snapshot empty = new Snapshot(new long[0], new String[0], List.of());
                    Snapshot rebuilt = empty;
                    for (String m : members) {
                        rebuilt = merge(rebuilt.positions, rebuilt.owners, m);
                    }
                    publish(rebuilt, members);
                    return true;
                }
                int keep = 0;
                for (String o : s.owners) {
                    if (!o.equals(node)) {
                        keep++;
                    }
                }
                long[] p = new long[keep];
                String[] o = new String[keep];
                for (int i = 0, k = 0; i < s.owners.length; i++) {
                    if (!s.owners[i].equals(node)) {
                        p[k] = s.positions[i];
                        o[k++] = s.owners[i];
                    }
                }
                Snapshot without = new Snapshot(p, o, List.of());
                // A node added twice is still a member after one removal: it keeps (one copy of) its points.
                publish(members.contains(node) ? merge(p, o, node) : without, members);
                return true;
            }
        }

        private Snapshot merge(long[] positions, String[] owners, String node) {
            long[] added = new long[vnodes];
            for (int i = 0; i < vnodes; i++) {
                added[i] = position(node + "#" + i);
            }
            Arrays.sort(added);
            int n = positions.length;
            long[] p = new long[n + vnodes];
            String[] o = new String[n + vnodes];
            for (int k = 0, a = 0, b = 0; k < p.length; k++) {
                if (b == vnodes || (a < n && positions[a] <= added[b])) {
                    p[k] = positions[a];
                    o[k] = owners[a++];
                } else {
                    p[k] = added[b++];
                    o[k] = node;
                }
            }
            return new Snapshot(p, o, List.of());
        }

        private void publish(Snapshot s, List<String> members) {
            positions = s.positions;
            owners = s.owners;
            snap = new Snapshot(s.positions, s.owners, List.copyOf(members));
        }

        @Override
        public Set<String> nodes() {
            if (bug == Bug.ADD_TWICE_DUPLICATES) {
                return new java.util.AbstractSet<>() { // a "set" that shows the duplicates, as a list would
                    final List<String> m = snap.members;

                    @Override
                    public java.util.Iterator<String> iterator() {
                        return m.iterator();
                    }

                    @Override
                    public int size() {
                        return m.size();
                    }
                };
            }
            return Set.copyOf(new LinkedHashSet<>(snap.members));
        }
    }
}
