package org.workdistlab.lab.simulations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.workdistlab.lab.charts.Charts;
import org.workdistlab.lab.charts.Series;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Specter 1, the thundering herd: a MODEL (virtual time in slots, no threads) of {@code clients} that all
 * need one successful request from a service that has just come back, and retry when refused.
 *
 * <h2>Model</h2>
 * Time runs in slots. In slot 0 every client sends its request at once (the herd). The service has
 * {@code capacity} units of work per slot; a served request costs 1 unit, and refusing one still costs
 * {@code rejectionCost} units (the parsing, TLS and auth done before it can say no). So with {@code o}
 * requests offered in a slot it serves {@code s = o} if {@code o <= capacity}, else the largest {@code s}
 * with {@code s + rejectionCost * (o - s) <= capacity}. Which of the offered requests are served is a
 * seeded random pick. With {@code rejectionCost > 0} a large enough herd is never served without backoff
 * (offered {@code >= capacity / rejectionCost} serves nobody): the feedback loop of an overload that feeds
 * itself. The cost is a knob of this model, not a measured figure.
 *
 * <h2>Policy</h2>
 * After its {@code n}-th failure (n = 0, 1, ...) a client waits {@code d} slots and retries in slot
 * {@code t + 1 + d}:
 * <ul>
 *   <li>{@link Strategy#NO_BACKOFF}: {@code d = 0};</li>
 *   <li>{@link Strategy#EXPONENTIAL_BACKOFF}: {@code d = min(cap, base * 2^n)};</li>
 *   <li>{@link Strategy#EXPONENTIAL_BACKOFF_FULL_JITTER}: {@code d = random(0, min(cap, base * 2^n))}, uniform
 *   and inclusive ("full jitter", AWS Architecture Blog, "Exponential Backoff And Jitter"). Never negative,
 *   unlike {@code base * 2^n + uniform(-j, j)}.</li>
 * </ul>
 *
 * <h2>Stats</h2>
 * Requests offered and served per slot; slots until every client was served; the first slot from which the
 * offered load stays within capacity; peak retries per slot (the slot-0 herd is the same for every strategy,
 * so the peak that backoff can change is the one after it).
 *
 * <pre>{@code
 * ThunderingHerd.simulate();                                   // defaults, seed 42
 * ThunderingHerd.withClients(1500).seed(7).run().chart();
 * }</pre>
 */
public final class ThunderingHerd {

    /** How a refused client schedules its retry. */
    public enum Strategy { NO_BACKOFF, EXPONENTIAL_BACKOFF, EXPONENTIAL_BACKOFF_FULL_JITTER }

    /** Clients in the herd. */
    public static final int DEFAULT_CLIENTS = 1000;
    /** Work units the service has per slot; a served request costs one. */
    public static final int DEFAULT_CAPACITY = 100;
    /** Work units a refused request still costs (model knob; 0 = refusing is free). */
    public static final double DEFAULT_REJECTION_COST = 0.05;
    /** Backoff base, in slots. */
    public static final int DEFAULT_BASE_SLOTS = 1;
    /** Backoff cap, in slots. */
    public static final int DEFAULT_CAP_SLOTS = 64;
    /** The run stops here and reports the clients still waiting. */
    public static final int DEFAULT_MAX_SLOTS = 5_000;
    /** Seed of the random picks (who is served, jitter). */
    public static final long DEFAULT_SEED = 42L;

    private final int clients;
    private final int capacity;
    private final double rejectionCost;
    private final int baseSlots;
    private final int capSlots;
    private final int maxSlots;
    private final long seed;

    private ThunderingHerd(int clients, int capacity, double rejectionCost, int baseSlots, int capSlots,
                           int maxSlots, long seed) {
        Samples.require(clients >= 1, "clients must be >= 1, was " + clients);
        Samples.require(capacity >= 1, "capacity must be >= 1 request per slot, was " + capacity);
        Samples.require(rejectionCost >= 0 && rejectionCost < 1,
                "rejectionCost must be in [0, 1) work units per refused request, was " + rejectionCost);
        Samples.require(baseSlots >= 1, "baseSlots must be >= 1, was " + baseSlots);
        Samples.require(capSlots >= baseSlots, "capSlots must be >= baseSlots (" + baseSlots + "), was " + capSlots);
        Samples.require(maxSlots >= 1, "maxSlots must be >= 1, was " + maxSlots);
        this.clients = clients;
        this.capacity = capacity;
        this.rejectionCost = rejectionCost;
        this.baseSlots = baseSlots;
        this.capSlots = capSlots;
        this.maxSlots = maxSlots;
        this.seed = seed;
    }

    /** The defaults above; change them with the {@code with}-style setters, then {@link #run()}. */
    public static ThunderingHerd configure() {
        return new ThunderingHerd(DEFAULT_CLIENTS, DEFAULT_CAPACITY, DEFAULT_REJECTION_COST, DEFAULT_BASE_SLOTS,
                DEFAULT_CAP_SLOTS, DEFAULT_MAX_SLOTS, DEFAULT_SEED);
    }

    /** Prints this sample with its defaults: {@code java ... ThunderingHerd}. */
    public static void main(String[] args) {
        System.out.println(simulate());
    }

    /** Runs all three strategies with the defaults. */
    public static Result simulate() {
        return configure().run();
    }

    /** Shortcut for {@code configure().clients(clients)}. */
    public static ThunderingHerd withClients(int clients) {
        return configure().clients(clients);
    }

    public ThunderingHerd clients(int value) {
        return new ThunderingHerd(value, capacity, rejectionCost, baseSlots, capSlots, maxSlots, seed);
    }

    public ThunderingHerd capacity(int value) {
        return new ThunderingHerd(clients, value, rejectionCost, baseSlots, capSlots, maxSlots, seed);
    }

    public ThunderingHerd rejectionCost(double value) {
        return new ThunderingHerd(clients, capacity, value, baseSlots, capSlots, maxSlots, seed);
    }

    public ThunderingHerd backoff(int base, int cap) {
        return new ThunderingHerd(clients, capacity, rejectionCost, base, cap, maxSlots, seed);
    }

    public ThunderingHerd maxSlots(int value) {
        return new ThunderingHerd(clients, capacity, rejectionCost, baseSlots, capSlots, value, seed);
    }

    public ThunderingHerd seed(long value) {
        return new ThunderingHerd(clients, capacity, rejectionCost, baseSlots, capSlots, maxSlots, value);
    }

    /** Runs every strategy on the same herd; each strategy draws from its own stream of the seed. */
    public Result run() {
        List<Run> runs = new ArrayList<>();
        for (Strategy strategy : Strategy.values()) {
            runs.add(runOne(strategy));
        }
        return new Result(seed, clients, capacity, rejectionCost, baseSlots, capSlots, List.copyOf(runs));
    }

    /** Requests the service can serve when {@code offered} arrive in one slot (see the class comment). */
    int servable(int offered) {
        if (offered <= capacity) {
            return offered;
        }
        double s = (capacity - rejectionCost * offered) / (1.0 - rejectionCost);
        return (int) Math.max(0, Math.min(capacity, Math.floor(s + 1e-9)));
    }

    /** Policy: the retry delay in slots after the {@code failures}-th failure (0-based). */
    int delay(Strategy strategy, int failures, SplittableRandom rng) {
        if (strategy == Strategy.NO_BACKOFF) {
            return 0;
        }
        long exp = failures >= 31 ? Long.MAX_VALUE : (long) baseSlots << failures;
        int ceiling = (int) Math.min(capSlots, exp);
        return strategy == Strategy.EXPONENTIAL_BACKOFF ? ceiling : rng.nextInt(ceiling + 1);
    }

    private Run runOne(Strategy strategy) {
        var rng = new SplittableRandom(seed * 31 + strategy.ordinal());
        int[] failures = new int[clients];
        // Events: client ids due in each slot.
        var due = new TreeMap<Integer, List<Integer>>();
        List<Integer> herd = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            herd.add(c);
        }
        due.put(0, herd);
        int[] offered = new int[maxSlots];
        int[] served = new int[maxSlots];
        int remaining = clients;
        int slot = 0;
        for (; slot < maxSlots && remaining > 0; slot++) {
            List<Integer> arrivals = due.remove(slot);
            if (arrivals == null) {
                continue;
            }
            offered[slot] = arrivals.size();
            int s = servable(arrivals.size());
            shufflePrefix(arrivals, s, rng);
            served[slot] = s;
            remaining -= s;
            for (int i = s; i < arrivals.size(); i++) {
                int client = arrivals.get(i);
                int retryAt = slot + 1 + delay(strategy, failures[client]++, rng);
                due.computeIfAbsent(retryAt, k -> new ArrayList<>()).add(client);
            }
        }
        int slotsRun = slot;
        return Run.of(strategy, Arrays.copyOf(offered, slotsRun), Arrays.copyOf(served, slotsRun), capacity,
                clients - remaining, remaining);
    }

    /** Moves a uniform random choice of {@code k} elements to the front (partial Fisher-Yates). */
    private static void shufflePrefix(List<Integer> list, int k, SplittableRandom rng) {
        for (int i = 0; i < k && i < list.size() - 1; i++) {
            int j = i + rng.nextInt(list.size() - i);
            Integer tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    /**
     * One strategy's run. {@code slotsToServeAll} is the number of slots until the last client was served
     * (-1 if some never were within the run); {@code firstSlotWithinCapacity} is the first slot from which
     * the offered load never again exceeds capacity.
     */
    public record Run(Strategy strategy, int[] offeredPerSlot, int[] servedPerSlot, long totalRequests,
                      int served, int unserved, int slotsToServeAll, int firstSlotWithinCapacity,
                      int peakRetriesPerSlot) {

        static Run of(Strategy strategy, int[] offered, int[] served, int capacity, int servedClients,
                      int unserved) {
            long total = Arrays.stream(offered).asLongStream().sum();
            int lastServed = -1;
            int firstWithin = offered.length;
            for (int t = offered.length - 1; t >= 0 && offered[t] <= capacity; t--) {
                firstWithin = t;
            }
            for (int t = 0; t < served.length; t++) {
                if (served[t] > 0) {
                    lastServed = t;
                }
            }
            int peakRetries = 0;
            for (int t = 1; t < offered.length; t++) {
                peakRetries = Math.max(peakRetries, offered[t]);
            }
            return new Run(strategy, offered, served, total, servedClients, unserved,
                    unserved == 0 ? lastServed + 1 : -1, unserved == 0 ? firstWithin : -1, peakRetries);
        }

        /** Whether every client got its request through within the run. */
        public boolean recovered() {
            return unserved == 0;
        }
    }

    /** All strategies of one herd. */
    public record Result(long seed, int clients, int capacity, double rejectionCost, int baseSlots,
                         int capSlots, List<Run> runs) {

        public Run run(Strategy strategy) {
            return runs.stream().filter(r -> r.strategy() == strategy).findFirst().orElseThrow();
        }

        /** One row per strategy: requests sent, peak retries, slots to recovery. */
        public Table table() {
            var t = Table.create("Thundering herd (model, seed " + seed + ")",
                    StringColumn.create("strategy"), IntColumn.create("herd"), IntColumn.create("capacity/slot"),
                    IntColumn.create("total requests"), IntColumn.create("peak retries/slot"),
                    IntColumn.create("slots to serve all"), IntColumn.create("first slot within capacity"),
                    IntColumn.create("unserved"), BooleanColumn.create("recovered"));
            for (Run r : runs) {
                t.stringColumn(0).append(r.strategy().name());
                t.intColumn(1).append(clients);
                t.intColumn(2).append(capacity);
                t.intColumn(3).append((int) r.totalRequests());
                t.intColumn(4).append(r.peakRetriesPerSlot());
                t.intColumn(5).append(r.slotsToServeAll());
                t.intColumn(6).append(r.firstSlotWithinCapacity());
                t.intColumn(7).append(r.unserved());
                t.booleanColumn(8).append(r.recovered());
            }
            return t;
        }

        /** Requests offered per slot, one column per strategy (0 after a strategy's run ended). */
        public Table timeline() {
            int slots = runs.stream().mapToInt(r -> r.offeredPerSlot().length).max().orElse(0);
            var t = Table.create("Requests per slot (model, seed " + seed + ")", IntColumn.create("slot"));
            for (int s = 0; s < slots; s++) {
                t.intColumn(0).append(s);
            }
            for (Run r : runs) {
                var c = IntColumn.create(r.strategy().name());
                for (int s = 0; s < slots; s++) {
                    c.append(s < r.offeredPerSlot().length ? r.offeredPerSlot()[s] : 0);
                }
                t.addColumns(c);
            }
            return t;
        }

        /** Requests offered per slot, one line per strategy, with the capacity as a flat line. */
        public XYChart chart() {
            int slots = runs.stream().mapToInt(r -> r.offeredPerSlot().length).max().orElse(1);
            List<Series> series = new ArrayList<>();
            for (Run r : runs) {
                double[] x = new double[r.offeredPerSlot().length];
                double[] y = new double[x.length];
                for (int s = 0; s < x.length; s++) {
                    x[s] = s;
                    y[s] = r.offeredPerSlot()[s];
                }
                series.add(new Series(r.strategy().name(), x, y));
            }
            series.add(new Series("capacity", new double[] {0, slots - 1}, new double[] {capacity, capacity}));
            return Charts.timeSeries("Thundering herd: requests per slot",
                    "model, " + clients + " clients, capacity " + capacity + "/slot, refusal cost " + rejectionCost
                            + ", seed " + seed,
                    "slot", "requests offered", series);
        }

        @Override
        public String toString() {
            return "Thundering herd - a MODEL in virtual time (slots), seed " + seed + "\n"
                    + clients + " clients all send in slot 0; capacity " + capacity + " per slot; a refusal costs "
                    + rejectionCost + " of a unit; backoff base " + baseSlots + ", cap " + capSlots
                    + " slots; full jitter = random(0, min(cap, base*2^n))\n"
                    + table().print() + "\n"
                    + "-1 = not recovered within the run. Slot 0 is the same herd for every strategy;"
                    + " backoff only shapes the retries.";
        }
    }
}
