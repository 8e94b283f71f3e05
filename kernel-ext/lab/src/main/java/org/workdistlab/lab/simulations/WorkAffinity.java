package org.workdistlab.lab.simulations;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.knowm.xchart.CategoryChart;
import org.workdistlab.lab.charts.Charts;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Specter 4, work affinity: which worker gets which key under {@code hash(key) % n} and under a consistent-hash
 * ring with 1, 10 and 150 virtual nodes per worker; how even the load is; and how many keys move when a worker
 * joins or leaves. A MODEL: keys and requests are generated, nothing is sent anywhere.
 *
 * <h2>Hash</h2>
 * The first 8 bytes of the key's MD5 digest, read as a long: stable across processes and machines, unlike
 * Python's salted {@code hash()}, and well spread, unlike {@code String.hashCode()}. A ring point of worker
 * {@code w}, virtual node {@code v} is the hash of {@code "worker-w#v"}; a key goes to the first point at or
 * after its hash, wrapping around (one point per digest; libketama takes 4 points from each of 40 digests).
 * 150 virtual nodes is a tunable, not a rule.
 *
 * <h2>What to expect</h2>
 * <ul>
 *   <li>Modulo spreads keys as evenly as a well-populated ring; its flaw is that going from n to n+1 workers
 *   moves about n/(n+1) of all keys, the ring only about 1/(n+1) (all of them onto the new worker).</li>
 *   <li>A ring with few virtual nodes is uneven: each worker owns arcs of random length.</li>
 *   <li>Neither fixes a hot key: every request for one key goes to one worker under both schemes, so
 *   with Zipf-skewed keys the hottest worker stays hot. That needs key splitting, replication or caching.</li>
 * </ul>
 *
 * <pre>{@code
 * WorkAffinity.simulate();
 * WorkAffinity.configure().workers(16).zipfExponent(1.2).run().chart();
 * }</pre>
 */
public final class WorkAffinity {

    /** How requests pick keys. */
    public enum KeyDistribution { UNIFORM, ZIPF }

    public static final int DEFAULT_WORKERS = 8;
    /** Distinct keys. */
    public static final int DEFAULT_KEYS = 10_000;
    /** Requests drawn over the keys. */
    public static final int DEFAULT_REQUESTS = 100_000;
    /** Zipf exponent s: the key of rank k is drawn with probability proportional to 1/k^s. */
    public static final double DEFAULT_ZIPF_EXPONENT = 1.0;
    /** Virtual nodes per worker for the ring strategies. */
    public static final int[] DEFAULT_VNODES = {1, 10, 150};
    public static final long DEFAULT_SEED = 42L;

    private final int workers;
    private final int keys;
    private final int requests;
    private final double zipfExponent;
    private final int[] vnodes;
    private final long seed;

    private WorkAffinity(int workers, int keys, int requests, double zipfExponent, int[] vnodes, long seed) {
        Samples.require(workers >= 2, "workers must be >= 2 so one can leave, was " + workers);
        Samples.require(keys >= 1, "keys must be >= 1, was " + keys);
        Samples.require(requests >= 1, "requests must be >= 1, was " + requests);
        Samples.require(zipfExponent > 0, "zipfExponent must be > 0, was " + zipfExponent);
        Samples.require(vnodes.length > 0 && Arrays.stream(vnodes).allMatch(v -> v >= 1),
                "vnodes must list at least one count, each >= 1, was " + Arrays.toString(vnodes));
        this.workers = workers;
        this.keys = keys;
        this.requests = requests;
        this.zipfExponent = zipfExponent;
        this.vnodes = vnodes.clone();
        this.seed = seed;
    }

    public static WorkAffinity configure() {
        return new WorkAffinity(DEFAULT_WORKERS, DEFAULT_KEYS, DEFAULT_REQUESTS, DEFAULT_ZIPF_EXPONENT,
                DEFAULT_VNODES, DEFAULT_SEED);
    }

    /** Prints this sample with its defaults: {@code java ... WorkAffinity}. */
    public static void main(String[] args) {
        System.out.println(simulate());
    }

    /** Modulo and rings with 1, 10, 150 virtual nodes, on uniform and Zipf keys, with the defaults. */
    public static Result simulate() {
        return configure().run();
    }

    public WorkAffinity workers(int value) {
        return new WorkAffinity(value, keys, requests, zipfExponent, vnodes, seed);
    }

    public WorkAffinity keys(int value) {
        return new WorkAffinity(workers, value, requests, zipfExponent, vnodes, seed);
    }

    public WorkAffinity requests(int value) {
        return new WorkAffinity(workers, keys, value, zipfExponent, vnodes, seed);
    }

    public WorkAffinity zipfExponent(double value) {
        return new WorkAffinity(workers, keys, requests, value, vnodes, seed);
    }

    public WorkAffinity vnodes(int... value) {
        return new WorkAffinity(workers, keys, requests, zipfExponent, value, seed);
    }

    public WorkAffinity seed(long value) {
        return new WorkAffinity(workers, keys, requests, zipfExponent, vnodes, value);
    }

    /** Stable 64-bit hash: the first 8 bytes of MD5 over the UTF-8 bytes. */
    public static long md5Hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xFF);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    /** Policy: maps a key hash to a worker index. */
    sealed interface Router permits Modulo, Ring {
        int route(long keyHash);

        /** The same scheme over {@code n} workers (worker ids 0..n-1 keep their identity). */
        Router resized(int n);

        String name();
    }

    /** {@code hash % n}, with the hash taken as unsigned. */
    record Modulo(int n) implements Router {
        @Override
        public int route(long keyHash) {
            return (int) Long.remainderUnsigned(keyHash, n);
        }

        @Override
        public Router resized(int newN) {
            return new Modulo(newN);
        }

        @Override
        public String name() {
            return "hash % n";
        }
    }

    /** A consistent-hash ring: sorted points, each owned by a worker. */
    static final class Ring implements Router {
        private final int n;
        private final int vnodes;
        private final long[] points;
        private final int[] owners;

        Ring(int n, int vnodes) {
            this.n = n;
            this.vnodes = vnodes;
            long[][] pairs = new long[n * vnodes][];
            int i = 0;
            for (int w = 0; w < n; w++) {
                for (int v = 0; v < vnodes; v++) {
                    pairs[i++] = new long[] {md5Hash("worker-" + w + "#" + v), w};
                }
            }
            Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
            points = new long[pairs.length];
            owners = new int[pairs.length];
            for (int k = 0; k < pairs.length; k++) {
                points[k] = pairs[k][0];
                owners[k] = (int) pairs[k][1];
            }
        }

        @Override
        public int route(long keyHash) {
            int idx = Arrays.binarySearch(points, keyHash);
            if (idx < 0) {
                idx = -idx - 1;
            }
            return owners[idx == points.length ? 0 : idx];
        }

        @Override
        public Router resized(int newN) {
            return new Ring(newN, vnodes);
        }

        @Override
        public String name() {
            return "ring, " + vnodes + " vnode" + (vnodes == 1 ? "" : "s");
        }
    }

    public Result run() {
        long[] keyHashes = new long[keys];
        for (int k = 0; k < keys; k++) {
            keyHashes[k] = md5Hash("key-" + k);
        }
        Map<KeyDistribution, int[]> drawn = new LinkedHashMap<>();
        drawn.put(KeyDistribution.UNIFORM, uniformKeys());
        drawn.put(KeyDistribution.ZIPF, zipfKeys());

        List<Router> routers = new ArrayList<>();
        routers.add(new Modulo(workers));
        for (int v : vnodes) {
            routers.add(new Ring(workers, v));
        }
        List<Row> rows = new ArrayList<>();
        for (Router router : routers) {
            int[] owner = owners(router, keyHashes);
            int[] joined = owners(router.resized(workers + 1), keyHashes);
            int[] left = owners(router.resized(workers - 1), keyHashes);
            int movedJoin = 0;
            int movedJoinElsewhere = 0;
            int movedLeave = 0;
            for (int k = 0; k < keys; k++) {
                if (owner[k] != joined[k]) {
                    movedJoin++;
                    if (joined[k] != workers) {
                        movedJoinElsewhere++;
                    }
                }
                if (owner[k] != left[k]) {
                    movedLeave++;
                }
            }
            long[] keysPerWorker = new long[workers];
            for (int k = 0; k < keys; k++) {
                keysPerWorker[owner[k]]++;
            }
            boolean ring = router instanceof Ring;
            for (var e : drawn.entrySet()) {
                long[] load = new long[workers];
                long[] perKey = new long[keys];
                for (int key : e.getValue()) {
                    load[owner[key]]++;
                    perKey[key]++;
                }
                int hottest = 0;
                for (int k = 1; k < keys; k++) {
                    if (perKey[k] > perKey[hottest]) {
                        hottest = k;
                    }
                }
                rows.add(new Row(router.name(), e.getKey(), keysPerWorker.clone(), load,
                        "key-" + hottest, (double) perKey[hottest] / requests, owner[hottest],
                        (double) movedJoin / keys, ring ? 1.0 / (workers + 1) : (double) workers / (workers + 1),
                        movedJoinElsewhere, (double) movedLeave / keys,
                        ring ? 1.0 / workers : (double) (workers - 1) / workers));
            }
        }
        return new Result(seed, workers, keys, requests, zipfExponent, List.copyOf(rows));
    }

    private static int[] owners(Router router, long[] keyHashes) {
        int[] owner = new int[keyHashes.length];
        for (int k = 0; k < keyHashes.length; k++) {
            owner[k] = router.route(keyHashes[k]);
        }
        return owner;
    }

    /** Events: each request names a key, uniformly at random. */
    private int[] uniformKeys() {
        var rng = new SplittableRandom(seed);
        int[] out = new int[requests];
        for (int i = 0; i < requests; i++) {
            out[i] = rng.nextInt(keys);
        }
        return out;
    }

    /** Events: each request names key {@code rank - 1}, rank drawn from Zipf(keys, s). */
    private int[] zipfKeys() {
        var zipf = new ZipfDistribution(new MersenneTwister(seed), keys, zipfExponent);
        int[] out = new int[requests];
        for (int i = 0; i < requests; i++) {
            out[i] = zipf.sample() - 1;
        }
        return out;
    }

    /**
     * One strategy on one key distribution. Shares are fractions of the distinct keys; theory is the
     * expected share for a uniform hash ({@code n/(n+1)} and {@code (n-1)/n} for modulo, {@code 1/(n+1)} and
     * {@code 1/n} for a ring). {@code movedOnJoinNotToNewWorker} counts keys that changed owner to a worker
     * other than the new one: zero for a ring by construction.
     */
    public record Row(String strategy, KeyDistribution distribution, long[] keysPerWorker,
                      long[] requestsPerWorker, String hottestKey, double hottestKeyShare, int hottestKeyWorker,
                      double movedOnJoin, double movedOnJoinTheory, int movedOnJoinNotToNewWorker,
                      double movedOnLeave, double movedOnLeaveTheory) {

        /** Busiest worker's requests over the mean: 1.0 is perfectly even. */
        public double maxOverMean() {
            long max = Arrays.stream(requestsPerWorker).max().orElse(0);
            double mean = Arrays.stream(requestsPerWorker).average().orElse(0);
            return max / mean;
        }
    }

    public record Result(long seed, int workers, int keys, int requests, double zipfExponent, List<Row> rows) {

        public Row row(String strategy, KeyDistribution distribution) {
            return rows.stream().filter(r -> r.strategy().equals(strategy) && r.distribution() == distribution)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no row for strategy '" + strategy
                            + "' and " + distribution + "; strategies are " + rows.stream().map(Row::strategy)
                            .distinct().toList()));
        }

        public Table table() {
            var t = Table.create("Work affinity (model, seed " + seed + ")",
                    StringColumn.create("strategy"), StringColumn.create("keys drawn"),
                    IntColumn.create("max requests/worker"), DoubleColumn.create("mean requests/worker"),
                    DoubleColumn.create("max/mean"), DoubleColumn.create("hottest key share"),
                    IntColumn.create("hottest key on worker"), DoubleColumn.create("moved on join"),
                    DoubleColumn.create("theory join"), DoubleColumn.create("moved on leave"),
                    DoubleColumn.create("theory leave"));
            for (Row r : rows) {
                t.stringColumn(0).append(r.strategy());
                t.stringColumn(1).append(r.distribution().name());
                t.intColumn(2).append((int) Arrays.stream(r.requestsPerWorker()).max().orElse(0));
                t.doubleColumn(3).append(Samples.round((double) requests / workers, 1));
                t.doubleColumn(4).append(Samples.round(r.maxOverMean(), 3));
                t.doubleColumn(5).append(Samples.round(r.hottestKeyShare(), 4));
                t.intColumn(6).append(r.hottestKeyWorker());
                t.doubleColumn(7).append(Samples.round(r.movedOnJoin(), 4));
                t.doubleColumn(8).append(Samples.round(r.movedOnJoinTheory(), 4));
                t.doubleColumn(9).append(Samples.round(r.movedOnLeave(), 4));
                t.doubleColumn(10).append(Samples.round(r.movedOnLeaveTheory(), 4));
            }
            return t;
        }

        /** Requests per worker for every strategy, on Zipf-skewed keys. */
        public CategoryChart chart() {
            return chart(KeyDistribution.ZIPF);
        }

        /** Requests per worker for every strategy, on the given key distribution. */
        public CategoryChart chart(KeyDistribution distribution) {
            Map<String, long[]> load = new LinkedHashMap<>();
            for (Row r : rows) {
                if (r.distribution() == distribution) {
                    load.put(r.strategy(), r.requestsPerWorker());
                }
            }
            return Charts.perWorkerLoad("Work affinity: requests per worker, " + distribution + " keys",
                    "model, " + workers + " workers, " + keys + " keys, " + requests + " requests"
                            + (distribution == KeyDistribution.ZIPF ? ", Zipf s=" + zipfExponent : "")
                            + ", seed " + seed, load);
        }

        @Override
        public String toString() {
            return "Work affinity - a MODEL, seed " + seed + "\n"
                    + workers + " workers, " + keys + " keys (MD5 hash), " + requests
                    + " requests drawn uniformly or Zipf(s=" + zipfExponent + "); join = " + (workers + 1)
                    + " workers, leave = " + (workers - 1) + "\n"
                    + table().print() + "\n"
                    + "Moved = share of keys whose worker changes. Modulo balances keys as well as a ring with many"
                    + " vnodes, but moves ~n/(n+1) of them on a join; the ring moves ~1/(n+1).\n"
                    + "Hot keys are NOT fixed by either: every request for the hottest key goes to one worker"
                    + " (see 'hottest key share').";
        }
    }
}
