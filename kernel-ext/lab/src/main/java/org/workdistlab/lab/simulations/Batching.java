package org.workdistlab.lab.simulations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.knowm.xchart.XYChart;
import org.workdistlab.lab.charts.Charts;
import org.workdistlab.lab.charts.Series;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Pattern 3 (batching) and anti-pattern 3 (N+1 queries), MEASURED against a real embedded H2 database
 * ({@code jdbc:h2:mem:}, in this JVM, dropped at the end of the run).
 *
 * <h2>Writes</h2>
 * {@code rows} rows inserted (a) one {@code executeUpdate} per row with autocommit, and (b) with
 * {@code addBatch}/{@code executeBatch}, one transaction per batch, for each batch size. Every strategy runs
 * in every trial, in a seeded shuffled order, after discarded warm-up rounds; the table shows the median
 * rows/s with min and max, and the ratio to per-row writes of the SAME run. After each strategy the rows in
 * H2 are counted.
 *
 * <h2>Reads</h2>
 * {@code users} users, each with one profile: (a) N+1, one query for the users then one per user for its
 * profile; (b) the users, then all their profiles with {@code user_id = ANY(?)} and the ids as one array
 * parameter (the course's "2 queries total"; H2's IN-list form works too); (c) one JOIN.
 * Every statement is counted by a wrapper around the connection, not by the code under test.
 *
 * <h2>What batching costs</h2>
 * Batching removes per-call overhead (round trips, commits, statement handling); it does not make the work
 * per row free, so the gain is bounded and is not "100x for free". And a batch of {@code b} must first be
 * filled: with items arriving evenly at {@code arrivalRate} per second, the first item waits
 * {@code (b-1)/rate} and the average item {@code (b-1)/(2 rate)} before the batch is even sent. That column
 * is a MODEL; the rows/s are measurements.
 *
 * <h2>Caveat</h2>
 * In-process H2 has no network: a call costs microseconds, not the 0.1-1 ms of a database across a network,
 * so batching gains here understate what a remote database shows. {@link #roundTrip(Duration)} adds a sleep
 * per call to model one; the output says so when it is on.
 *
 * <pre>{@code
 * Batching.measure();
 * Batching.configure().rows(5_000).roundTrip(Duration.ofMillis(1)).run().chart();
 * }</pre>
 */
public final class Batching {

    public static final int DEFAULT_ROWS = 20_000;
    public static final int[] DEFAULT_BATCH_SIZES = {1, 10, 100, 1000};
    /** Users (and profiles) for the N+1 comparison. */
    public static final int DEFAULT_USERS = 1_000;
    /** Measured trials per strategy; the table shows their median, min and max. */
    public static final int DEFAULT_TRIALS = 5;
    /** Discarded rounds before the trials, so the JIT and H2's caches are warm for every strategy. */
    public static final int DEFAULT_WARMUPS = 2;
    /** Items per second arriving at a batcher, for the fill-wait model. */
    public static final double DEFAULT_ARRIVAL_RATE = 1_000;
    /** Seed of the shuffled strategy order. */
    public static final long DEFAULT_SEED = 42L;

    static final String PER_ROW = "per row, autocommit";
    static final String N_PLUS_ONE = "N+1: a query per user";
    static final String IN_LIST = "ids as one array: = ANY(?)";
    static final String JOIN = "one JOIN";

    private final int rows;
    private final int[] batchSizes;
    private final int users;
    private final int trials;
    private final int warmups;
    private final double arrivalRate;
    private final Duration roundTrip;
    private final long seed;

    private Batching(int rows, int[] batchSizes, int users, int trials, int warmups, double arrivalRate,
                     Duration roundTrip, long seed) {
        Samples.require(rows >= 1, "rows must be >= 1, was " + rows);
        Samples.require(batchSizes.length > 0 && Arrays.stream(batchSizes).allMatch(b -> b >= 1),
                "batchSizes must list at least one size, each >= 1, was " + Arrays.toString(batchSizes));
        Samples.require(users >= 1, "users must be >= 1, was " + users);
        Samples.require(trials >= 1, "trials must be >= 1, was " + trials);
        Samples.require(warmups >= 0, "warmups must be >= 0, was " + warmups);
        Samples.require(arrivalRate > 0, "arrivalRate must be > 0 items/s, was " + arrivalRate);
        Samples.require(roundTrip != null && !roundTrip.isNegative(),
                "roundTrip must be zero or positive, was " + roundTrip);
        this.rows = rows;
        this.batchSizes = batchSizes.clone();
        this.users = users;
        this.trials = trials;
        this.warmups = warmups;
        this.arrivalRate = arrivalRate;
        this.roundTrip = roundTrip;
        this.seed = seed;
    }

    public static Batching configure() {
        return new Batching(DEFAULT_ROWS, DEFAULT_BATCH_SIZES, DEFAULT_USERS, DEFAULT_TRIALS, DEFAULT_WARMUPS,
                DEFAULT_ARRIVAL_RATE, Duration.ZERO, DEFAULT_SEED);
    }

    /** Prints this sample with its defaults: {@code java ... Batching}. */
    public static void main(String[] args) {
        System.out.println(measure());
    }

    /** Writes and reads with the defaults (a few seconds). */
    public static Result measure() {
        return configure().run();
    }

    public Batching rows(int value) {
        return new Batching(value, batchSizes, users, trials, warmups, arrivalRate, roundTrip, seed);
    }

    public Batching batchSizes(int... value) {
        return new Batching(rows, value, users, trials, warmups, arrivalRate, roundTrip, seed);
    }

    public Batching users(int value) {
        return new Batching(rows, batchSizes, value, trials, warmups, arrivalRate, roundTrip, seed);
    }

    public Batching trials(int value) {
        return new Batching(rows, batchSizes, users, value, warmups, arrivalRate, roundTrip, seed);
    }

    public Batching warmups(int value) {
        return new Batching(rows, batchSizes, users, trials, value, arrivalRate, roundTrip, seed);
    }

    public Batching arrivalRate(double itemsPerSecond) {
        return new Batching(rows, batchSizes, users, trials, warmups, itemsPerSecond, roundTrip, seed);
    }

    /** Sleeps this long on every call to the database, to model a network round trip (default zero). */
    public Batching roundTrip(Duration value) {
        return new Batching(rows, batchSizes, users, trials, warmups, arrivalRate, value, seed);
    }

    public Batching seed(long value) {
        return new Batching(rows, batchSizes, users, trials, warmups, arrivalRate, roundTrip, value);
    }

    /** One write strategy's measurements. {@code batchSize} 0 means per row with autocommit. */
    public record Write(String strategy, int batchSize, int rows, long roundTrips, long commits,
                        double[] rowsPerSecond, long[] rowsInDatabase) {

        public double medianRowsPerSecond() {
            return median(rowsPerSecond);
        }
    }

    /** One read strategy: statements sent, elapsed ms per trial, and whether it returned the N+1 answer. */
    public record Read(String strategy, int users, long queries, double[] millis, int profilesRead,
                       boolean sameAsNPlusOne) {

        public double medianMillis() {
            return median(millis);
        }
    }

    static double median(double[] values) {
        double[] sorted = Samples.sortedCopy(values);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public Result run() {
        var counts = new CountingConnection.Counts();
        String url = "jdbc:h2:mem:wdl-batching-" + UUID.randomUUID();
        try (Connection raw = new org.h2.Driver().connect(url, new Properties())) {
            Connection db = CountingConnection.wrap(raw, counts, roundTrip.toNanos());
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE TABLE items(id INT PRIMARY KEY, payload VARCHAR(64))");
                s.execute("CREATE TABLE users(id INT PRIMARY KEY, name VARCHAR(64))");
                s.execute("CREATE TABLE profiles(user_id INT PRIMARY KEY, bio VARCHAR(128))");
            }
            seedUsers(raw);
            List<Write> writes = measureWrites(raw, db, counts);
            List<Read> reads = measureReads(db, counts);
            try (Statement s = raw.createStatement()) {
                s.execute("DROP ALL OBJECTS");
            }
            return new Result(seed, rows, users, trials, warmups, arrivalRate, roundTrip, writes, reads);
        } catch (SQLException e) {
            throw new IllegalStateException("H2 failed during the batching run: " + e.getMessage(), e);
        }
    }

    // ---- writes -----------------------------------------------------------------------------------------

    private List<Write> measureWrites(Connection raw, Connection db, CountingConnection.Counts counts)
            throws SQLException {
        List<Integer> strategies = new ArrayList<>();
        strategies.add(0);
        for (int b : batchSizes) {
            strategies.add(b);
        }
        Map<Integer, double[]> rates = new LinkedHashMap<>();
        Map<Integer, long[]> inDb = new LinkedHashMap<>();
        Map<Integer, long[]> calls = new TreeMap<>();
        strategies.forEach(b -> {
            rates.put(b, new double[trials]);
            inDb.put(b, new long[trials]);
        });
        var order = new Random(seed);
        for (int round = -warmups; round < trials; round++) {
            List<Integer> shuffled = new ArrayList<>(strategies);
            Collections.shuffle(shuffled, order);
            for (int b : shuffled) {
                try (Statement s = raw.createStatement()) {
                    s.execute("TRUNCATE TABLE items");
                }
                raw.setAutoCommit(true);
                counts.reset();
                long start = System.nanoTime();
                if (b == 0) {
                    insertPerRow(db);
                } else {
                    insertBatched(db, b);
                }
                long elapsed = System.nanoTime() - start;
                db.setAutoCommit(true);
                if (round >= 0) {
                    rates.get(b)[round] = rows / (elapsed / 1e9);
                    inDb.get(b)[round] = countRows(raw, "items");
                    calls.put(b, new long[] {counts.roundTrips(), b == 0 ? counts.updates : counts.commits});
                }
            }
        }
        List<Write> out = new ArrayList<>();
        for (int b : strategies) {
            out.add(new Write(b == 0 ? PER_ROW : "batch of " + b + ", one transaction", b, rows, calls.get(b)[0],
                    calls.get(b)[1], rates.get(b), inDb.get(b)));
        }
        return out;
    }

    private void insertPerRow(Connection db) throws SQLException {
        db.setAutoCommit(true);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO items(id, payload) VALUES (?, ?)")) {
            for (int i = 0; i < rows; i++) {
                ps.setInt(1, i);
                ps.setString(2, "item-" + i);
                ps.executeUpdate();
            }
        }
    }

    private void insertBatched(Connection db, int batchSize) throws SQLException {
        db.setAutoCommit(false);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO items(id, payload) VALUES (?, ?)")) {
            for (int from = 0; from < rows; from += batchSize) {
                int to = Math.min(rows, from + batchSize);
                for (int i = from; i < to; i++) {
                    ps.setInt(1, i);
                    ps.setString(2, "item-" + i);
                    ps.addBatch();
                }
                ps.executeBatch();
                db.commit();
            }
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    private static long countRows(Connection raw, String table) throws SQLException {
        try (Statement s = raw.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------

    private void seedUsers(Connection raw) throws SQLException {
        raw.setAutoCommit(false);
        try (PreparedStatement u = raw.prepareStatement("INSERT INTO users(id, name) VALUES (?, ?)");
             PreparedStatement p = raw.prepareStatement("INSERT INTO profiles(user_id, bio) VALUES (?, ?)")) {
            for (int i = 0; i < users; i++) {
                u.setInt(1, i);
                u.setString(2, "user-" + i);
                u.addBatch();
                p.setInt(1, i);
                p.setString(2, "bio of user-" + i);
                p.addBatch();
            }
            u.executeBatch();
            p.executeBatch();
            raw.commit();
        } finally {
            raw.setAutoCommit(true);
        }
    }

    private interface Reader {
        Map<Integer, String> read(Connection db) throws SQLException;
    }

    private List<Read> measureReads(Connection db, CountingConnection.Counts counts) throws SQLException {
        Map<String, Reader> readers = new LinkedHashMap<>();
        readers.put(N_PLUS_ONE, Batching::readNPlusOne);
        readers.put(IN_LIST, Batching::readInList);
        readers.put(JOIN, Batching::readJoin);
        Map<String, double[]> millis = new LinkedHashMap<>();
        Map<String, Map<Integer, String>> answers = new LinkedHashMap<>();
        Map<String, Long> queries = new LinkedHashMap<>();
        readers.keySet().forEach(k -> millis.put(k, new double[trials]));
        var order = new Random(seed + 1);
        for (int round = -warmups; round < trials; round++) {
            List<String> shuffled = new ArrayList<>(readers.keySet());
            Collections.shuffle(shuffled, order);
            for (String name : shuffled) {
                counts.reset();
                long start = System.nanoTime();
                Map<Integer, String> answer = readers.get(name).read(db);
                long elapsed = System.nanoTime() - start;
                if (round >= 0) {
                    millis.get(name)[round] = elapsed / 1e6;
                    queries.put(name, counts.queries);
                    answers.put(name, answer);
                }
            }
        }
        Map<Integer, String> reference = answers.get(N_PLUS_ONE);
        List<Read> out = new ArrayList<>();
        for (String name : readers.keySet()) {
            out.add(new Read(name, users, queries.get(name), millis.get(name), answers.get(name).size(),
                    answers.get(name).equals(reference)));
        }
        return out;
    }

    private static List<Integer> userIds(Connection db) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id FROM users ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    /** WRONG: one query for the users, then one per user. */
    private static Map<Integer, String> readNPlusOne(Connection db) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT bio FROM profiles WHERE user_id = ?")) {
            for (int id : userIds(db)) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(id, rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** RIGHT: the users, then all their profiles in one query, the ids passed as one array parameter. */
    private static Map<Integer, String> readInList(Connection db) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        Object[] ids = userIds(db).toArray();
        try (PreparedStatement ps = db.prepareStatement("SELECT user_id, bio FROM profiles WHERE user_id = ANY(?)")) {
            ps.setArray(1, db.createArrayOf("INTEGER", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** RIGHT: one query that joins users to profiles. */
    private static Map<Integer, String> readJoin(Connection db) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT u.id, p.bio FROM users u JOIN profiles p ON p.user_id = u.id ORDER BY u.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    // ---- result -----------------------------------------------------------------------------------------

    public record Result(long seed, int rows, int users, int trials, int warmups, double arrivalRate,
                         Duration roundTrip, List<Write> writes, List<Read> reads) {

        public Write write(int batchSize) {
            return writes.stream().filter(w -> w.batchSize() == batchSize).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no write strategy with batch size "
                            + batchSize + " (0 = per row)"));
        }

        public Read read(String strategy) {
            return reads.stream().filter(r -> r.strategy().equals(strategy)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("no read strategy '" + strategy + "'"));
        }

        /** Writes: measured rows/s (median, min, max), ratio to per-row in this run, and the fill-wait model. */
        public Table table() {
            var t = Table.create("Batched writes into H2 (measured, " + trials + " trials)",
                    StringColumn.create("strategy"), IntColumn.create("rows"), LongColumn.create("round trips"),
                    LongColumn.create("commits"), DoubleColumn.create("rows/s median"),
                    DoubleColumn.create("rows/s min"), DoubleColumn.create("rows/s max"),
                    DoubleColumn.create("x per row (measured)"), DoubleColumn.create("fill wait mean ms (model)"),
                    DoubleColumn.create("fill wait max ms (model)"), BooleanColumn.create("rows in H2 ok"));
            double base = write(0).medianRowsPerSecond();
            for (Write w : writes) {
                double[] sorted = Samples.sortedCopy(w.rowsPerSecond());
                int b = Math.max(1, w.batchSize());
                t.stringColumn(0).append(w.strategy());
                t.intColumn(1).append(w.rows());
                t.longColumn(2).append(w.roundTrips());
                t.longColumn(3).append(w.commits());
                t.doubleColumn(4).append(Math.round(w.medianRowsPerSecond()));
                t.doubleColumn(5).append(Math.round(sorted[0]));
                t.doubleColumn(6).append(Math.round(sorted[sorted.length - 1]));
                t.doubleColumn(7).append(Samples.round(w.medianRowsPerSecond() / base, 2));
                t.doubleColumn(8).append(Samples.round((b - 1) / (2 * arrivalRate) * 1e3, 2));
                t.doubleColumn(9).append(Samples.round((b - 1) / arrivalRate * 1e3, 2));
                t.booleanColumn(10).append(Arrays.stream(w.rowsInDatabase()).allMatch(n -> n == w.rows()));
            }
            return t;
        }

        /** Reads: statements sent, measured time (median, min, max) and ratio to N+1 in this run. */
        public Table readsTable() {
            var t = Table.create("N+1 vs batched reads from H2 (measured, " + trials + " trials)",
                    StringColumn.create("strategy"), IntColumn.create("users"), LongColumn.create("queries"),
                    DoubleColumn.create("ms median"), DoubleColumn.create("ms min"), DoubleColumn.create("ms max"),
                    DoubleColumn.create("x faster than N+1 (measured)"), BooleanColumn.create("same answer"));
            double base = read(N_PLUS_ONE).medianMillis();
            for (Read r : reads) {
                double[] sorted = Samples.sortedCopy(r.millis());
                t.stringColumn(0).append(r.strategy());
                t.intColumn(1).append(r.users());
                t.longColumn(2).append(r.queries());
                t.doubleColumn(3).append(Samples.round(r.medianMillis(), 3));
                t.doubleColumn(4).append(Samples.round(sorted[0], 3));
                t.doubleColumn(5).append(Samples.round(sorted[sorted.length - 1], 3));
                t.doubleColumn(6).append(Samples.round(base / r.medianMillis(), 2));
                t.booleanColumn(7).append(r.sameAsNPlusOne());
            }
            return t;
        }

        /** Median rows/s against batch size, with per-row writes as a flat reference line. */
        public XYChart chart() {
            List<Write> batched = writes.stream().filter(w -> w.batchSize() > 0).toList();
            double[] x = batched.stream().mapToDouble(Write::batchSize).toArray();
            double[] y = batched.stream().mapToDouble(Write::medianRowsPerSecond).toArray();
            double perRow = write(0).medianRowsPerSecond();
            double lo = Arrays.stream(x).min().orElse(1);
            double hi = Arrays.stream(x).max().orElse(1);
            XYChart chart = Charts.lines("Batched writes into H2: rows/s by batch size",
                    "measured median of " + trials + " trials, in-process H2" + roundTripNote(), "batch size (log)",
                    "rows/s", List.of(new Series("batched, one transaction per batch", x, y),
                            new Series(PER_ROW, new double[] {lo, hi}, new double[] {perRow, perRow})));
            // Batch sizes grow by factors of ten; a linear axis would squash all but the largest.
            chart.getStyler().setXAxisLogarithmic(true);
            return chart;
        }

        private String roundTripNote() {
            return roundTrip.isZero() ? " (no network)" : ", simulated round trip " + roundTrip.toMillis() + " ms/call";
        }

        @Override
        public String toString() {
            return "Batching and N+1 - MEASURED on a real in-process H2 database" + roundTripNote()
                    + "; strategy order shuffled with seed " + seed + ", " + warmups + " warm-up rounds discarded\n"
                    + table().print() + "\n"
                    + readsTable().print() + "\n"
                    + "Ratios are measured in this run on this machine, not promised. Batching cuts per-call overhead"
                    + " (round trips, commits);\nit adds the wait to fill a batch (model: items arriving evenly at "
                    + arrivalRate + "/s). In-process H2 has no network, so it understates remote gains.";
        }
    }
}
