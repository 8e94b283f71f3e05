package org.workdistlab.grader.suites.hashring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.workdistlab.exercises.hashring.HashRing;
import org.workdistlab.exercises.hashring.HashRingFactory;
import org.workdistlab.exercises.reference.hashring.ReferenceHashRing;
import org.workdistlab.grader.api.Check;
import org.workdistlab.grader.api.Exercise;
import org.workdistlab.grader.api.Measure;
import org.workdistlab.grader.api.Report;
import org.workdistlab.grader.api.Submission;

/**
 * Grades a {@link HashRingFactory} against the rules on {@link HashRing}, one check per rule.
 *
 * <p>The data are fixed (nodes {@code node-0..}, keys {@code key-0..}), so a ring that follows the contract's
 * hash gets the same result on every run. The statistical bars are set for any good hash: each comment says how
 * often a ring with an ideal hash would fail it over random data, worked out by
 * {@code RingStatistics} in the grader's tests (a model of uniform virtual-node positions, checked against
 * MD5 rings).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Exercise(id = "hashring", title = "Consistent hash ring", contract = HashRingFactory.class)
public class HashRingSuite {

    /** Fails with {@code message} (observed and expected values) unless {@code ok}. */
    static void verify(boolean ok, String message) {
        if (!ok) {
            fail(message);
        }
    }

    static final int KEYS = 100_000;
    static final int NODES = 10;
    static final int VNODES = 150;

    /**
     * Most loaded node over the mean, for 10 nodes x 150 virtual nodes and 100,000 keys. Over random rings with an
     * ideal hash the median is 1.12 and 1.25 is exceeded in 1 ring in 79 (exact model; Monte Carlo: 1 in 72);
     * 1.4 is exceeded with probability at most 1.6e-5, about 1 in 63,000 rings (exact model, union bound over
     * the 10 nodes; RingStatistics, checked by RingStatisticsTest). The fixed data here give 1.06 for the contract's
     * MD5 ring.
     */
    static final double BALANCE_BAR = 1.4;

    /**
     * Share of keys that may move when an 11th node joins a 10 x 150 ring: ideally 1/11 = 0.091; the new node's
     * share is Beta(150, 1500)-distributed (sd 0.0071), so [1/22, 1.6/11] fails an ideal ring with probability
     * 1.4e-11 (exact model with binomial key noise; RingStatistics). The fixed data here move 0.078.
     */
    static final double MOVED_MIN = 1.0 / 22;
    static final double MOVED_MAX = 1.6 / 11;

    private static HashRing ring(int vnodes) {
        HashRing ring = Submission.create(HashRingFactory.class).create(vnodes);
        if (ring == null) {
            fail("HashRingFactory.create returned null; expected a new, empty ring");
        }
        return ring;
    }

    private static List<String> nodes(int n) {
        return IntStream.range(0, n).mapToObj(i -> "node-" + i).toList();
    }

    private static List<String> keys(int n) {
        return IntStream.range(0, n).mapToObj(i -> "key-" + i).toList();
    }

    private static HashRing ringWith(List<String> nodes, int vnodes) {
        var ring = ring(vnodes);
        for (String n : nodes) {
            ring.addNode(n);
        }
        return ring;
    }

    private static String[] lookupAll(HashRing ring, List<String> keys) {
        var owners = new String[keys.size()];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = ring.nodeFor(keys.get(i));
        }
        return owners;
    }

    // ---------------------------------------------------------------------------------------------- stable

    /**
     * Owners on the ring {cache-a..cache-e} x 10 virtual nodes, computed with Python's hashlib (outside Java):
     * plain keys, keys past the last virtual node (wrap around), keys before the first, non-ASCII keys, the empty
     * key, and a key that sits exactly on a virtual node ("cache-b#3").
     */
    private static final String[][] OUTSIDE_JAVA_TABLE = {
            {"user-0", "cache-e"}, {"user-1", "cache-c"}, {"user-2", "cache-c"}, {"user-3", "cache-d"},
            {"user-4", "cache-d"}, {"user-5", "cache-d"}, {"user-6", "cache-d"}, {"user-7", "cache-e"},
            {"user-8", "cache-d"}, {"user-9", "cache-e"}, {"user-10", "cache-a"}, {"user-11", "cache-e"},
            {"user-12", "cache-a"}, {"user-13", "cache-d"}, {"user-14", "cache-c"}, {"user-15", "cache-c"},
            {"user-16", "cache-c"}, {"user-17", "cache-a"}, {"user-18", "cache-d"}, {"user-19", "cache-e"},
            {"user-20", "cache-e"}, {"user-21", "cache-e"}, {"user-22", "cache-d"}, {"user-23", "cache-a"},
            {"user-62", "cache-d"}, {"user-133", "cache-d"}, {"user-186", "cache-d"},
            {"user-30", "cache-d"}, {"user-56", "cache-d"},
            {"ключ", "cache-d"}, {"\uD83D\uDE42", "cache-e"}, {"", "cache-c"}, {"cache-b#3", "cache-b"},
    };

    @Test
    @Order(1)
    @Check(id = "stable", points = 15, section = "04-consistent-hashing#stable-hash", timeoutSeconds = 20,
            hint = "Use exactly the contract's ring: MD5 of the UTF-8 bytes, first 8 bytes big-endian as the "
                    + "position; virtual nodes node + \"#\" + i; first position >= the key's, wrapping to the "
                    + "smallest. Not String.hashCode, not a per-process seed")
    void stable() {
        var ring = ringWith(List.of("cache-a", "cache-b", "cache-c", "cache-d", "cache-e"), 10);
        var wrong = new ArrayList<String>();
        for (String[] row : OUTSIDE_JAVA_TABLE) {
            String got = ring.nodeFor(row[0]);
            if (!row[1].equals(got)) {
                wrong.add("'" + row[0] + "' -> " + got + " (expected " + row[1] + ")");
            }
        }
        verify(wrong.isEmpty(), "on the ring cache-a..cache-e with 10 virtual nodes each, " + wrong.size()
                + " of " + OUTSIDE_JAVA_TABLE.length + " keys went to a different node than the contract's hash "
                + "(computed outside Java) says: " + wrong.subList(0, Math.min(5, wrong.size())));

        var nodes = nodes(20);
        var keys = keys(5_000);
        var definition = new RingDefinition(nodes, 100);
        var shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, new java.util.Random(42));
        var first = ringWith(nodes, 100);
        var second = ringWith(shuffled, 100);
        int mismatches = 0;
        String example = null;
        for (String key : keys) {
            String expected = definition.ownerOf(key);
            String a = first.nodeFor(key);
            String again = first.nodeFor(key);
            String b = second.nodeFor(key);
            if (!expected.equals(a) || !expected.equals(again) || !expected.equals(b)) {
                mismatches++;
                if (example == null) {
                    example = "'" + key + "' -> " + a + ", again " + again + ", on a ring built in another order "
                            + b + " (expected " + expected + ")";
                }
            }
        }
        assertEquals(0, mismatches, "20 nodes x 100 virtual nodes, 5,000 keys: " + mismatches + " keys did not "
                + "map as the contract's hash says (or changed between calls or with the order nodes were added), "
                + "e.g. " + example);

        // One virtual node per node is a legal (if unbalanced) ring, and the one the balance check compares with.
        var single = ringWith(nodes, 1);
        var singleDefinition = new RingDefinition(nodes, 1);
        var off = keys.stream().filter(k -> !singleDefinition.ownerOf(k).equals(single.nodeFor(k))).limit(3).toList();
        verify(off.isEmpty(), "20 nodes x 1 virtual node: keys such as " + off + " did not map as the contract's hash "
                + "says; expected a ring with one virtual node per node to work like any other");
    }

    // ---------------------------------------------------------------------------------------------- balance

    @Test
    @Order(2)
    @Check(id = "balance", points = 15, section = "04-consistent-hashing#virtual-nodes", timeoutSeconds = 30,
            hint = "Give each node its virtual nodes (node + \"#\" + i for i < virtualNodesPerNode) and spread them "
                    + "with a good hash (MD5): with one point per node, or a hash that clusters, one node gets far "
                    + "more than its share")
    void balance() {
        var keys = keys(KEYS);
        double worst = maxOverMean(ringWith(nodes(NODES), VNODES), keys);
        Report.measurement("max/mean with 150 virtual nodes", round2(worst));
        try {
            double single = maxOverMean(ringWith(nodes(NODES), 1), keys);
            Report.measurement("max/mean with 1 virtual node", round2(single));
            Report.message(String.format(Locale.ROOT, "most loaded node / mean: %.2f with 150 virtual nodes per "
                    + "node, %.2f with 1 (10 nodes, 100,000 keys)", worst, single));
        } catch (RuntimeException e) {
            Report.note("max/mean with 1 virtual node", "could not measure: " + e);
        }
        verify(worst <= BALANCE_BAR, String.format(Locale.ROOT, "10 nodes x 150 virtual nodes, 100,000 keys: "
                + "the most loaded node got %.2f times the mean; expected at most %.2f (an ideal hash gives about "
                + "1.12)", worst, BALANCE_BAR));
    }

    static double maxOverMean(HashRing ring, List<String> keys) {
        var counts = new HashMap<String, Integer>();
        for (String k : keys) {
            counts.merge(ring.nodeFor(k), 1, Integer::sum);
        }
        int max = counts.values().stream().max(Integer::compare).orElse(0);
        return max / (keys.size() / (double) NODES);
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    // ---------------------------------------------------------------------------------------------- moves

    @Test
    @Order(3)
    @Check(id = "add-moves", points = 15, section = "04-consistent-hashing#adding-a-node", timeoutSeconds = 30,
            hint = "Adding a node must only take over the arcs just before its own virtual nodes: keys move only "
                    + "to the new node, about 1/n of them (hash % n would move almost all)")
    void addMoves() {
        var keys = keys(KEYS);
        var ring = ringWith(nodes(NODES), VNODES);
        var before = lookupAll(ring, keys);
        verify(ring.addNode("node-10"), "addNode(\"node-10\") on a ring without it returned false; expected true");
        var after = lookupAll(ring, keys);
        int moved = 0;
        int movedElsewhere = 0;
        String example = null;
        for (int i = 0; i < before.length; i++) {
            if (!before[i].equals(after[i])) {
                moved++;
                if (!after[i].equals("node-10")) {
                    movedElsewhere++;
                    if (example == null) {
                        example = "'" + keys.get(i) + "' moved from " + before[i] + " to " + after[i];
                    }
                }
            }
        }
        double share = moved / (double) KEYS;
        Report.measurement("share of keys moved by an 11th node", Math.round(share * 1000) / 1000.0);
        assertEquals(0, movedElsewhere, movedElsewhere + " keys moved between old nodes when node-10 joined, e.g. "
                + example + "; expected every moved key to move to node-10");
        verify(share >= MOVED_MIN && share <= MOVED_MAX, String.format(Locale.ROOT, "adding an 11th node to 10 x "
                + "150 moved %.3f of 100,000 keys; expected about 1/11 = 0.091 (between %.3f and %.3f)", share,
                MOVED_MIN, MOVED_MAX));
    }

    @Test
    @Order(4)
    @Check(id = "remove-moves", points = 10, section = "04-consistent-hashing#removing-a-node", timeoutSeconds = 30,
            hint = "Removing a node must take away only its own virtual nodes; every other key keeps its node "
                    + "(don't rebuild the ring in a way that changes the other positions)")
    void removeMoves() {
        var keys = keys(KEYS / 2);
        var ring = ringWith(nodes(NODES), VNODES);
        var ten = lookupAll(ring, keys);
        ring.addNode("node-10");
        var eleven = lookupAll(ring, keys);
        verify(ring.removeNode("node-3"), "removeNode(\"node-3\") of a member returned false; expected true");
        var withoutThree = lookupAll(ring, keys);
        int strayed = 0;
        String example = null;
        for (int i = 0; i < keys.size(); i++) {
            if (!eleven[i].equals("node-3") && !eleven[i].equals(withoutThree[i])) {
                strayed++;
                if (example == null) {
                    example = "'" + keys.get(i) + "' moved from " + eleven[i] + " to " + withoutThree[i];
                }
            }
            if (withoutThree[i].equals("node-3")) {
                fail("after removeNode(\"node-3\"), key '" + keys.get(i) + "' still maps to node-3");
            }
        }
        assertEquals(0, strayed, "removing node-3 moved " + strayed + " keys that were not on node-3, e.g. " + example
                + "; expected only node-3's keys to move");
        ring.addNode("node-3");
        ring.removeNode("node-10");
        var back = lookupAll(ring, keys);
        int differ = 0;
        for (int i = 0; i < keys.size(); i++) {
            if (!ten[i].equals(back[i])) {
                differ++;
            }
        }
        assertEquals(0, differ, "after adding node-3 back and removing node-10, " + differ + " keys map differently "
                + "than on the original 10 nodes; expected the same answers as before (same members, same ring)");
    }

    // ---------------------------------------------------------------------------------------------- membership

    @Test
    @Order(5)
    @Check(id = "empty-ring", points = 5, section = "04-consistent-hashing#membership", timeoutSeconds = 10,
            hint = "nodeFor on a ring with no nodes must throw IllegalStateException with a clear message (not "
                    + "return null, not throw NoSuchElementException or ArrayIndexOutOfBoundsException)")
    void emptyRing() {
        var ring = ring(VNODES);
        expectIllegalState(ring, "a new ring");
        ring.addNode("only");
        assertEquals("only", ring.nodeFor("k"), "a ring with the one node 'only' mapped 'k' elsewhere");
        ring.removeNode("only");
        expectIllegalState(ring, "a ring whose only node was removed");
    }

    private static void expectIllegalState(HashRing ring, String what) {
        try {
            String got = ring.nodeFor("some-key");
            fail("nodeFor on " + what + " returned " + got + "; expected IllegalStateException");
        } catch (IllegalStateException expected) {
            // as the contract says
        } catch (RuntimeException e) {
            fail("nodeFor on " + what + " threw " + e + "; expected IllegalStateException");
        }
    }

    @Test
    @Order(6)
    @Check(id = "membership", points = 10, section = "04-consistent-hashing#membership", timeoutSeconds = 20,
            hint = "addNode of a present node returns false and adds nothing (no duplicate virtual nodes); "
                    + "removeNode of an absent node returns false and changes nothing; nodes() lists each member once")
    void membership() {
        var ring = ring(50);
        verify(ring.addNode("a"), "addNode(\"a\") on an empty ring returned false; expected true");
        verify(!ring.addNode("a"), "addNode(\"a\") a second time returned true; expected false");
        verify(ring.addNode("b"), "addNode(\"b\") returned false; expected true");
        ring.addNode("c");
        assertEquals(Set.of("a", "b", "c"), Set.copyOf(ring.nodes()), "nodes() after adding a, a, b, c");
        assertEquals(3, ring.nodes().size(), "nodes() listed " + ring.nodes() + "; expected each member once");
        var keys = keys(3_000);
        var before = lookupAll(ring, keys);
        verify(!ring.removeNode("zzz"), "removeNode(\"zzz\") of a node never added returned true; expected false");
        assertEquals(List.of(before), List.of(lookupAll(ring, keys)), "removing an unknown node changed answers");
        var expected = new RingDefinition(List.of("a", "b", "c"), 50);
        long off = keys.stream().filter(k -> !expected.ownerOf(k).equals(ring.nodeFor(k))).count();
        verify(ring.removeNode("a"), "removeNode(\"a\") of a member returned false; expected true");
        var stillA = keys.stream().filter(k -> "a".equals(ring.nodeFor(k))).limit(3).toList();
        verify(stillA.isEmpty(), "after adding 'a' twice and removing it once, keys " + stillA + " still map to "
                + "'a'; expected it gone (adding twice must not add its virtual nodes twice)");
        assertEquals(Set.of("b", "c"), Set.copyOf(ring.nodes()), "nodes() after removing a");
        verify(!ring.removeNode("a"), "removeNode(\"a\") a second time returned true; expected false");
        Report.measurement("keys off the contract's ring (a, b, c)", off);
    }

    // ---------------------------------------------------------------------------------------------- concurrency

    @Test
    @Order(7)
    @Check(id = "concurrent", points = 15, section = "04-consistent-hashing#concurrent-changes", timeoutSeconds = 40,
            hint = "Lookups race with addNode/removeNode: publish each new ring state in one step (an immutable "
                    + "snapshot in a volatile field, a read-write lock, or a concurrent sorted map), never two "
                    + "arrays or a plain TreeMap changed in place while readers look")
    void concurrent() throws Exception {
        var stable = nodes(8);
        var churn = List.of("churn-0", "churn-1", "churn-2", "churn-3");
        var keys = keys(2_000);
        var ring = ringWith(stable, VNODES);
        // Judged against the ring's own answers before any churn, so this check is about concurrency alone,
        // whatever hash the ring uses.
        var ownerWithoutChurn = List.of(lookupAll(ring, keys));

        int changes = 1_500;
        var done = new AtomicBoolean();
        var problems = new ConcurrentLinkedQueue<String>();
        var lookups = new AtomicLong();
        var start = new CountDownLatch(1);
        var readers = new ArrayList<Thread>();
        for (int r = 0; r < 3; r++) {
            int offset = r * 577;
            var t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = offset; !done.get() && problems.size() < 5; i++) {
                        int k = i % keys.size();
                        String got;
                        try {
                            got = ring.nodeFor(keys.get(k));
                        } catch (RuntimeException e) {
                            problems.add("nodeFor('" + keys.get(k) + "') threw " + e);
                            continue;
                        }
                        lookups.incrementAndGet();
                        if (!ownerWithoutChurn.get(k).equals(got) && !churn.contains(got)) {
                            problems.add("nodeFor('" + keys.get(k) + "') returned " + got + "; expected "
                                    + ownerWithoutChurn.get(k) + " or one of the joining/leaving nodes " + churn);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "wdl-grader-reader-" + r);
            t.setDaemon(true);
            readers.add(t);
            t.start();
        }
        var random = new java.util.Random(7);
        start.countDown();
        try {
            var present = new HashSet<String>();
            for (int i = 0; i < changes && problems.size() < 5; i++) {
                String node = churn.get(random.nextInt(churn.size()));
                if (present.remove(node)) {
                    ring.removeNode(node);
                } else {
                    present.add(node);
                    ring.addNode(node);
                }
            }
            for (String c : present) {
                ring.removeNode(c);
            }
        } finally {
            done.set(true);
            for (Thread t : readers) {
                t.join(10_000);
            }
        }
        Report.measurement("lookups checked during changes", lookups.get());
        verify(problems.isEmpty(), "while another thread added and removed nodes " + churn + " (" + changes
                + " changes), lookups went wrong: " + List.copyOf(problems) + "; before the changes these keys "
                + "mapped to the node named as expected, and a key only moves to a joining node");
        // Lost updates (e.g. an unsynchronised map) leave phantom virtual nodes behind: check the end state.
        var after = lookupAll(ring, keys);
        var phantom = IntStream.range(0, keys.size()).filter(i -> !stable.contains(after[i]))
                .mapToObj(i -> keys.get(i) + " -> " + after[i]).limit(3).toList();
        verify(phantom.isEmpty(), "after the changes stopped and every churn node was removed, keys still map "
                + "to nodes that are gone: " + phantom);
        assertEquals(Set.copyOf(stable), Set.copyOf(ring.nodes()), "nodes() after every churn node was removed");
    }

    // ---------------------------------------------------------------------------------------------- speed

    static final int SPEED_NODES = 1_000;
    static final int LOOKUPS_PER_RUN = 200_000;

    /**
     * Bands for learner time / reference time. The check is about O(log n) versus O(n), not constant factors: the
     * reference (MD5 + binary search over one sorted long[]) is cache-friendly, while a TreeMap or skip-list ring
     * (boxed keys, pointer chasing over 150,000 entries) is just as O(log n) but measured 2.7x to 7x slower on
     * this 2-core machine under load (load average 16), and a linear scan measured 176x. So: full points within
     * 10x, partial up to 40x, none beyond. Issue 3's example bands (1.5x / 5x) would take points from correct
     * TreeMap rings, which is the idiomatic Java answer to the course's bisect.
     */
    static final Measure.Bands SPEED_BANDS = new Measure.Bands(10, 40);

    @Test
    @Order(8)
    @Check(id = "lookup-speed", points = 15, section = "04-consistent-hashing#lookup-cost", timeoutSeconds = 90,
            requires = {"stable", "add-moves", "remove-moves", "membership", "concurrent"},
            hint = "Find the owner with a binary search over sorted positions (or TreeMap.ceilingEntry), not by "
                    + "scanning every virtual node; keep one MessageDigest per thread instead of creating one per "
                    + "call")
    void lookupSpeed() {
        var nodes = IntStream.range(0, SPEED_NODES).mapToObj(i -> "server-" + i).toList();
        var learner = ringWith(nodes, VNODES);
        var reference = new ReferenceHashRing().create(VNODES);
        nodes.forEach(reference::addNode);
        var keys = keys(LOOKUPS_PER_RUN);
        var sinkHole = new AtomicLong();

        // Size a time budget from the reference, so a linear scan (~180x slower here) fails after seconds, not
        // minutes: any run of the learner's ring that exceeds 2 x the slowest band is stopped.
        sinkHole.addAndGet(lookups(reference, keys, Long.MAX_VALUE));
        long start = System.nanoTime();
        sinkHole.addAndGet(lookups(reference, keys, Long.MAX_VALUE));
        long budget = (long) (2 * SPEED_BANDS.partialUpTo() * (System.nanoTime() - start));
        sinkHole.addAndGet(lookups(learner, keys, budget)); // warm-up, with the same budget
        var comparison = Measure.alternating(() -> sinkHole.addAndGet(lookups(learner, keys, budget)),
                () -> sinkHole.addAndGet(lookups(reference, keys, Long.MAX_VALUE)), 0, 5);
        Report.performance(comparison, SPEED_BANDS, "lookups/s", LOOKUPS_PER_RUN,
                "your ring (1,000 nodes x 150)");
    }

    /** Looks every key up; fails once {@code budgetNanos} have passed, saying how far it got. */
    private static long lookups(HashRing ring, List<String> keys, long budgetNanos) {
        long start = System.nanoTime();
        long h = 0;
        for (int i = 0; i < keys.size(); i++) {
            h += ring.nodeFor(keys.get(i)).length();
            if ((i & 255) == 255 && System.nanoTime() - start > budgetNanos) {
                throw new AssertionError(String.format(Locale.ROOT, "your ring did %,d of %,d lookups on a "
                        + "1,000-node ring in %.1f s, the time the reference needs for %.0f rounds of all of "
                        + "them: far beyond %.0fx the reference's time; a lookup should be one hash and a binary "
                        + "search", i + 1, keys.size(), budgetNanos / 1e9, 2 * SPEED_BANDS.partialUpTo(),
                        SPEED_BANDS.partialUpTo()));
            }
        }
        return h;
    }
}
