package org.workdistlab.grader.report;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.GradeReport;

/**
 * The readable summary: one line per check with its points, and for each lost point the reason, the hint and the
 * notebook section; thread reports indented below their check; problems; the total.
 */
public final class SummaryWriter implements ReportWriter {

    @Override
    public void write(GradeReport r, Writer out) throws IOException {
        var sb = new StringBuilder();
        sb.append(r.title()).append(" (").append(r.exerciseId()).append(")\n");
        int width = r.checks().stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (CheckResult c : r.checks()) {
            sb.append(String.format(Locale.ROOT, "  %-9s %-" + width + "s %2d/%-2d", tag(c), c.id(), c.points(),
                    c.maxPoints()));
            if (!c.message().isEmpty()) {
                sb.append("  ").append(c.message());
            }
            sb.append('\n');
            if (!c.fullMarks() && c.outcome() != Outcome.NOT_RUN) {
                sb.append("            hint: ").append(c.hint());
                if (!c.section().isEmpty()) {
                    sb.append(" (see ").append(c.section()).append(')');
                }
                sb.append('\n');
                // the report's headline repeats the message printed just above
                c.diagnostics().ifPresent(d -> d.lines()
                        .dropWhile(l -> !c.message().isEmpty() && l.startsWith(c.message()))
                        .forEach(l -> sb.append("            | ").append(l).append('\n')));
            }
        }
        if (!r.problems().isEmpty()) {
            sb.append("Problems:\n");
            r.problems().forEach(p -> sb.append("  - ").append(p).append('\n'));
        }
        sb.append(String.format(Locale.ROOT, "Total: %d/%d points - %s (%.1f s, %s cores, Java %s)%n", r.score(),
                r.maxScore(), verdict(r), r.elapsed().toMillis() / 1000.0, r.environment().get("cores"),
                r.environment().get("java.version")));
        out.write(sb.toString());
        out.flush();
    }

    private static String tag(CheckResult c) {
        if (c.outcome() == Outcome.PASSED) {
            return c.fullMarks() ? "[pass]" : "[partial]";
        }
        return switch (c.outcome()) {
            case FAILED -> "[FAIL]";
            case TIMED_OUT -> "[TIMEOUT]";
            case ERROR -> "[ERROR]";
            default -> "[not run]";
        };
    }

    private static String verdict(GradeReport r) {
        return switch (r.status()) {
            case PASSED -> "all checks passed";
            case FAILED -> "some checks lost points";
            case ERROR -> "could not grade";
        };
    }

    @Override
    public String defaultFileName() {
        return "grade-summary.txt";
    }
}
