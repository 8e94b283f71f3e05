package org.workdistlab.exercises.hashring;

import java.util.Set;

/**
 * A consistent-hash ring with virtual nodes: maps keys to nodes so that load is even and a change of membership
 * moves few keys. Created empty by {@link HashRingFactory#create}.
 *
 * <h2>The ring, exactly (the grader compares your answers with this definition)</h2>
 * <ul>
 *   <li><b>Position</b> of a string {@code s}: the MD5 digest of {@code s.getBytes(UTF_8)}; its first 8 bytes read
 *       as a big-endian {@code long} (that is, {@code ByteBuffer.wrap(digest).getLong()}). MD5 is used for its
 *       spread and because it is the same in every process and language, not for security. Not
 *       {@code String.hashCode()} (stable, but spreads poorly on a ring) and not anything salted per process.</li>
 *   <li><b>Virtual nodes</b>: a node named {@code node} occupies the positions of the strings
 *       {@code node + "#" + i} for {@code i = 0 .. virtualNodesPerNode - 1}.</li>
 *   <li><b>Lookup</b>: a key belongs to the owner of the first virtual node whose position is {@code >=} the key's
 *       position, comparing positions as signed {@code long}s; if there is none, it wraps around to the virtual
 *       node with the smallest position. (Two virtual nodes on the same position have probability about 2^-64;
 *       the grader never produces one, so resolve it as you like.)</li>
 * </ul>
 * For example, {@code printf 'a#0' | md5sum} prints {@code d83aa185673598caf4cbb0be7043ce70}, so the string
 * {@code "a#0"} has position {@code 0xd83aa185673598caL} = -2865800618533611318, and {@code "key-1"} (MD5
 * {@code 21af6b8b5e224483...}) has position 2427276970499916931. Check your byte order with these.
 *
 * <h2>What is checked (each is a graded check)</h2>
 * <ol>
 *   <li><b>Stable.</b> The same key maps to the same node on every call and in every JVM: answers equal the
 *       definition above (checked against an independent implementation and a table computed outside Java).</li>
 *   <li><b>Balanced.</b> With 10 nodes and 150 virtual nodes each, the most loaded node gets at most 1.4 times
 *       the mean share of 100,000 keys. (The grader also shows how a ring with 1 virtual node per node fares.)</li>
 *   <li><b>Adding moves few keys.</b> Adding an 11th node moves about 1/11 of the keys, and every key that moves,
 *       moves to the new node.</li>
 *   <li><b>Removing moves only that node's keys.</b> Keys of other nodes stay where they are; removing a node just
 *       added restores every earlier answer.</li>
 *   <li><b>Empty ring.</b> {@link #nodeFor} on a ring without nodes throws {@link IllegalStateException}.</li>
 *   <li><b>Membership.</b> {@link #addNode} of a present node returns {@code false} and changes nothing (no
 *       duplicate virtual nodes: one {@code removeNode} then removes it completely); {@link #removeNode} of an
 *       absent node returns {@code false} and changes nothing; {@link #nodes()} lists each member once.</li>
 *   <li><b>Concurrent.</b> Lookups stay correct while other threads add and remove nodes (see below).</li>
 *   <li><b>Fast.</b> A lookup costs one hash and O(log n) steps (a binary search or a balanced tree), not a scan
 *       of the ring: a million lookups on a 1,000-node ring are timed against the reference solution in the same
 *       JVM. Full points within 10x of its time (a TreeMap ring is well inside; a scan of every virtual node is
 *       about 180x), some up to 40x. Only a ring that passes the correctness checks earns these points.</li>
 * </ol>
 *
 * <h2>Thread roles and memory visibility</h2>
 * All methods may be called by any number of threads at once. A membership change is visible to every lookup
 * that starts after the change returned (the change happens-before it). A lookup that runs while nodes join or
 * leave never throws (unless the ring is empty) and never returns null; it returns either the key's owner on
 * the ring without the changing nodes, or one of the changing nodes. In particular, a key whose owner is not
 * affected by the change keeps its owner throughout.
 */
public interface HashRing {

    /**
     * Adds {@code node} with its virtual nodes.
     *
     * @return true if the node was added, false if it was already on the ring (nothing changes)
     * @throws NullPointerException if {@code node} is null
     */
    boolean addNode(String node);

    /**
     * Removes {@code node} and all of its virtual nodes.
     *
     * @return true if the node was removed, false if it was not on the ring (nothing changes)
     * @throws NullPointerException if {@code node} is null
     */
    boolean removeNode(String node);

    /**
     * The node that owns {@code key}, as defined above.
     *
     * @throws IllegalStateException if the ring has no nodes
     * @throws NullPointerException  if {@code key} is null
     */
    String nodeFor(String key);

    /** The current members, each once; an unmodifiable snapshot. */
    Set<String> nodes();
}
