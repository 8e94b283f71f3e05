package org.workdistlab.grader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.GradeReport;

/**
 * The grader's own JSON format, version {@value #SCHEMA_VERSION}; the schema is
 * {@code org/workdistlab/grader/report/grade-report.schema.json} (a JSON Schema, also described in
 * {@code grader/README.md}). Fields are only ever added, never renamed, within a version.
 */
public final class JsonReportWriter implements ReportWriter {

    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(GradeReport r, Writer out) throws IOException {
        JSON.writeValue(out, toJson(r));
    }

    /** The JSON tree of {@code r}. */
    public static ObjectNode toJson(GradeReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("exercise", r.exerciseId());
        o.put("title", r.title());
        o.put("status", r.status().name());
        o.put("score", r.score());
        o.put("maxScore", r.maxScore());
        o.put("elapsedMillis", r.elapsed().toMillis());
        o.set("environment", JSON.valueToTree(r.environment()));
        ArrayNode problems = o.putArray("problems");
        r.problems().forEach(problems::add);
        ArrayNode checks = o.putArray("checks");
        for (CheckResult c : r.checks()) {
            ObjectNode n = checks.addObject();
            n.put("id", c.id());
            n.put("name", c.displayName());
            n.put("points", c.points());
            n.put("maxPoints", c.maxPoints());
            n.put("outcome", c.outcome().name());
            n.put("message", c.message());
            n.put("hint", c.hint());
            n.put("section", c.section());
            n.put("durationMillis", c.duration().toMillis());
            if (c.diagnostics().isPresent()) {
                n.put("diagnostics", c.diagnostics().get());
            } else {
                n.putNull("diagnostics");
            }
            n.set("measurements", JSON.valueToTree(c.measurements()));
        }
        return o;
    }

    @Override
    public String defaultFileName() {
        return "grade-report.json";
    }
}
