package org.workdistlab.grader.suites.workqueue;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.workdistlab.exercises.workqueue.WorkQueueFactory;
import org.workdistlab.grader.api.Check;
import org.workdistlab.grader.api.Report;
import org.workdistlab.grader.api.Submission;

/**
 * Grades an implementation in this JVM: runs {@link WorkQueueSuite} through the JUnit Platform Launcher with
 * {@code -Dwdl.impl.<contract>=<impl>}, scores each check as the grader does (pass = its points, or the partial
 * points it reported; anything else = 0; a check whose {@code requires} failed = 0).
 */
final class SuiteRun {

    record Outcome(String id, int points, boolean passed, int earned, String message, long millis) {
    }

    record Result(Map<String, Outcome> checks, long millis) {
        int total() {
            return checks.values().stream().mapToInt(Outcome::earned).sum();
        }

        int max() {
            return checks.values().stream().mapToInt(Outcome::points).sum();
        }

        List<String> failed() {
            return checks.values().stream().filter(o -> !o.passed()).map(Outcome::id).sorted().toList();
        }

        String describe() {
            var sb = new StringBuilder(total() + "/" + max() + " in " + millis + " ms");
            checks.values().forEach(o -> sb.append("\n  ").append(o.passed() ? "PASS " : "FAIL ").append(o.id())
                    .append(' ').append(o.earned()).append('/').append(o.points()).append(" (").append(o.millis()).append(" ms)")
                    .append(o.message() == null ? "" : " - " + firstLines(o.message())));
            return sb.toString();
        }

        private static String firstLines(String s) {
            var lines = s.lines().limit(4).toList();
            return String.join(" | ", lines);
        }
    }

    private SuiteRun() {
    }

    static synchronized Result grade(Class<? extends WorkQueueFactory> impl) {
        String key = Submission.IMPL_PROPERTY_PREFIX + WorkQueueFactory.class.getName();
        String previous = System.getProperty(key);
        System.setProperty(key, impl.getName());
        var outcomes = new ConcurrentHashMap<String, Outcome>();
        var partials = new ConcurrentHashMap<String, Integer>();
        var started = new ConcurrentHashMap<String, Long>();
        var order = new LinkedHashMap<String, Check>();
        long t0 = System.nanoTime();
        try {
            TestExecutionListener listener = new TestExecutionListener() {
                @Override
                public void executionStarted(TestIdentifier id) {
                    Check check = check(id);
                    if (check == null) {
                        return;
                    }
                    order.put(check.id(), check);
                    started.put(check.id(), System.nanoTime());
                    Report.install(new Report.Sink() {
                        @Override
                        public void measurement(String name, Object value) {
                        }

                        @Override
                        public void partial(int points, String message) {
                            partials.put(check.id(), points);
                        }

                        @Override
                        public void message(String message) {
                        }

                        @Override
                        public int maxPoints() {
                            return check.points();
                        }
                    });
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    Check check = check(id);
                    if (check == null) {
                        return;
                    }
                    Report.install(null);
                    boolean passed = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    String message = result.getThrowable().map(t -> t.getClass().getSimpleName() + ": "
                            + t.getMessage()).orElse(null);
                    int earned = passed ? partials.getOrDefault(check.id(), check.points()) : 0;
                    long ms = (System.nanoTime() - started.get(check.id())) / 1_000_000;
                    outcomes.put(check.id(), new Outcome(check.id(), check.points(), passed, earned, message, ms));
                }
            };
            var request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(WorkQueueSuite.class))
                    .build();
            LauncherFactory.create().execute(request, listener);
        } finally {
            if (previous == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, previous);
            }
        }
        var ordered = new LinkedHashMap<String, Outcome>();
        for (var e : order.entrySet()) {
            Outcome o = outcomes.get(e.getKey());
            for (String required : e.getValue().requires()) {
                Outcome r = outcomes.get(required);
                if (o.passed() && (r == null || !r.passed())) {
                    o = new Outcome(o.id(), o.points(), false, 0, "gated: requires " + required, o.millis());
                }
            }
            ordered.put(e.getKey(), o);
        }
        return new Result(ordered, (System.nanoTime() - t0) / 1_000_000);
    }

    private static Check check(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof MethodSource ms) {
            Method m = ms.getJavaMethod();
            return m.getAnnotation(Check.class);
        }
        return null;
    }
}
