package org.workdistlab.lab.simulations;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.locks.LockSupport;

/**
 * Wraps a JDBC connection so every call that goes to the database is counted (and, if asked, pays a
 * simulated network round trip). Counting happens in the wrapper, not in the code under test, so a strategy
 * cannot under-report its own queries. Single-threaded: one run uses one connection from one thread.
 */
final class CountingConnection {

    /** Calls that reached the database through one wrapped connection. */
    static final class Counts {
        long queries;
        long updates;
        long batches;
        long commits;

        /** Every call that would be one round trip to a remote database. */
        long roundTrips() {
            return queries + updates + batches + commits;
        }

        void reset() {
            queries = updates = batches = commits = 0;
        }
    }

    private CountingConnection() {
    }

    /**
     * A connection that counts {@code executeQuery}, {@code executeUpdate}/{@code execute}, {@code executeBatch}
     * and {@code commit} into {@code counts}, and sleeps {@code roundTripNanos} on each (0 = no sleep).
     */
    static Connection wrap(Connection real, Counts counts, long roundTripNanos) {
        return (Connection) Proxy.newProxyInstance(CountingConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    switch (method.getName()) {
                        case "commit" -> tick(() -> counts.commits++, roundTripNanos);
                        case "prepareStatement" -> result = statement((PreparedStatement) result,
                                PreparedStatement.class, counts, roundTripNanos);
                        case "createStatement" -> result = statement((Statement) result, Statement.class, counts,
                                roundTripNanos);
                        default -> {
                        }
                    }
                    return result;
                });
    }

    private static <T extends Statement> T statement(T real, Class<T> type, Counts counts, long roundTripNanos) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(real, method, args);
            switch (method.getName()) {
                case "executeQuery" -> tick(() -> counts.queries++, roundTripNanos);
                case "executeUpdate", "execute", "executeLargeUpdate" -> tick(() -> counts.updates++, roundTripNanos);
                case "executeBatch", "executeLargeBatch" -> tick(() -> counts.batches++, roundTripNanos);
                default -> {
                }
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(CountingConnection.class.getClassLoader(), new Class<?>[] {type},
                handler));
    }

    private static void tick(Runnable count, long roundTripNanos) {
        count.run();
        // parkNanos may return early; loop to the deadline so every call pays the whole round trip.
        long deadline = System.nanoTime() + roundTripNanos;
        for (long left = roundTripNanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
