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
 * GitHub Classroom's autograding runner result, the JSON its {@code autograding-grading-reporter} action reads
 * (base64-encoded) from each runner's {@code result} output:
 * {@code {"version":1,"status":"pass|fail|error","max_score":N,"tests":[{"name","status","message","score",...}]}}.
 * The reporter sums the tests' {@code score}s against {@code max_score}. In a workflow step:
 * {@code echo "result=$(base64 -w0 classroom.json)" >> "$GITHUB_OUTPUT"}.
 */
public final class ClassroomReportWriter implements ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void write(GradeReport r, Writer out) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("version", 1);
        o.put("status", switch (r.status()) {
            case PASSED -> "pass";
            case FAILED -> "fail";
            case ERROR -> "error";
        });
        o.put("max_score", r.maxScore());
        ArrayNode tests = o.putArray("tests");
        for (CheckResult c : r.checks()) {
            ObjectNode t = tests.addObject();
            t.put("name", c.id() + ": " + c.displayName());
            t.put("status", c.outcome() == Outcome.PASSED ? "pass" : c.outcome() == Outcome.FAILED ? "fail" : "error");
            String message = c.fullMarks() ? c.message()
                    : c.message() + (c.message().isEmpty() ? "" : "\n") + "hint: " + c.hint() + " (see " + c.section()
                    + ")" + c.diagnostics().map(d -> "\n" + d).orElse("");
            t.put("message", message);
            t.put("test_code", "wdl grade " + r.exerciseId() + " --check " + c.id());
            t.put("filename", "");
            t.put("line_no", 0);
            t.put("execution_time", String.format(java.util.Locale.ROOT, "%.2fs", c.duration().toMillis() / 1000.0));
            t.put("score", c.points());
        }
        if (!r.problems().isEmpty()) {
            ObjectNode t = tests.addObject();
            t.put("name", "could not grade");
            t.put("status", "error");
            t.put("message", String.join("\n", r.problems()));
            t.put("score", 0);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out, o);
    }

    @Override
    public String defaultFileName() {
        return "classroom-result.json";
    }
}
