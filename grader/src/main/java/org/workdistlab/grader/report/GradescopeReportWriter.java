package org.workdistlab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.GradeReport;

/**
 * Gradescope's autograder {@code results.json} (written to {@code /autograder/results/results.json} on Gradescope):
 * top-level {@code score}, {@code execution_time} (s), {@code output}, {@code visibility}, and one entry per check
 * in {@code tests} with {@code name}, {@code number}, {@code score}, {@code max_score}, {@code status}
 * ({@code passed}/{@code failed}), {@code output} and {@code visibility}.
 */
public final class GradescopeReportWriter implements ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(GradeReport r, Writer out) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("score", r.score());
        o.put("max_score", r.maxScore());
        o.put("execution_time", Math.max(1, Math.round(r.elapsed().toMillis() / 1000.0)));
        o.put("visibility", "visible");
        o.put("stdout_visibility", "hidden");
        o.put("output", r.problems().isEmpty()
                ? r.title() + ": " + r.score() + "/" + r.maxScore() + " points"
                : "Could not grade:\n" + String.join("\n", r.problems()));
        ArrayNode tests = o.putArray("tests");
        int i = 0;
        for (CheckResult c : r.checks()) {
            ObjectNode t = tests.addObject();
            t.put("name", c.id() + ": " + c.displayName());
            t.put("number", String.valueOf(++i));
            t.put("score", c.points());
            t.put("max_score", c.maxPoints());
            t.put("status", c.outcome() == Outcome.PASSED && c.fullMarks() ? "passed" : "failed");
            var text = new StringBuilder(c.message());
            if (!c.fullMarks()) {
                text.append(text.length() == 0 ? "" : "\n").append("hint: ").append(c.hint()).append(" (see ")
                        .append(c.section()).append(')');
                c.diagnostics().ifPresent(d -> text.append('\n').append(d));
            }
            t.put("output", text.toString());
            t.put("visibility", "visible");
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, o);
    }

    @Override
    public String defaultFileName() {
        return "results.json";
    }
}
