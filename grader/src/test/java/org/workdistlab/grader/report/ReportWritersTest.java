package org.workdistlab.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.workdistlab.grader.CheckResult;
import org.workdistlab.grader.CheckResult.Outcome;
import org.workdistlab.grader.GradeReport;

/** Each format's shape, read back with a real parser. */
class ReportWritersTest {

    static final GradeReport REPORT = new GradeReport("batcher", "SmartBatcher", GradeReport.Status.FAILED, 7, 13,
            List.of(
                    new CheckResult("batch-size", "batch size", 5, 5, Outcome.PASSED, "", "h1", "03#size",
                            Duration.ofMillis(120), Optional.empty(), Map.of("batches", 10L)),
                    new CheckResult("max-wait", "max wait", 0, 3, Outcome.TIMED_OUT,
                            "check 'max-wait' timed out: still running after 2 s (limit 2 s)", "flush on time",
                            "03#max-wait", Duration.ofSeconds(2),
                            Optional.of("deadlock: worker-1 holds A@1 and waits for B@2 <&>\u0001"), Map.of()),
                    new CheckResult("speed", "speed", 2, 4, Outcome.PASSED, "your batcher: 1.0 M items/s", "go faster",
                            "03#speed", Duration.ofSeconds(1), Optional.empty(), Map.of("ratio to reference", 2.5)),
                    new CheckResult("close", "close", 0, 1, Outcome.FAILED, "expected 0 threads, saw 2", "stop them",
                            "03#close", Duration.ofMillis(5), Optional.empty(), Map.of())),
            List.of("total time limit of 60 s reached"), Duration.ofMillis(4321),
            Map.of("cores", 2, "java.version", "17"));

    private static String write(ReportWriter w) throws Exception {
        var out = new StringWriter();
        w.write(REPORT, out);
        return out.toString();
    }

    @Test
    void jsonFollowsTheDocumentedSchema() throws Exception {
        JsonNode json = new ObjectMapper().readTree(write(new JsonReportWriter()));

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("score").asInt()).isEqualTo(7);
        assertThat(json.get("maxScore").asInt()).isEqualTo(13);
        assertThat(json.get("status").asText()).isEqualTo("FAILED");
        assertThat(json.get("checks")).hasSize(4);
        JsonNode timedOut = json.get("checks").get(1);
        assertThat(timedOut.get("outcome").asText()).isEqualTo("TIMED_OUT");
        assertThat(timedOut.get("diagnostics").asText()).startsWith("deadlock: worker-1");
        assertThat(json.get("checks").get(0).get("diagnostics").isNull()).isTrue();
        assertThat(json.get("checks").get(2).get("measurements").get("ratio to reference").asDouble()).isEqualTo(2.5);
        JsonNode schema;
        try (var in = getClass().getResourceAsStream("/org/workdistlab/grader/report/grade-report.schema.json")) {
            schema = new ObjectMapper().readTree(in);
        }
        json.fieldNames().forEachRemaining(f -> assertThat(schema.get("properties").has(f)).as(f).isTrue());
        schema.get("required").forEach(r -> assertThat(json.has(r.asText())).as(r.asText()).isTrue());
        timedOut.fieldNames().forEachRemaining(f -> assertThat(schema.at("/$defs/check/properties").has(f)).as(f)
                .isTrue());
    }

    @Test
    void junitXmlParsesWithOneTestcasePerCheck() throws Exception {
        String xml = write(new JunitXmlReportWriter(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC)));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();

        assertThat(suite.getTagName()).isEqualTo("testsuite");
        assertThat(suite.getAttribute("tests")).isEqualTo("4");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-01-01T00:00:00");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(4);
        Element error = (Element) doc.getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("type")).isEqualTo("TIMED_OUT");
        assertThat(error.getTextContent()).contains("hint: flush on time").contains("<&>");
        assertThat(((Element) doc.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("expected 0 threads, saw 2");
    }

    @Test
    void gradescopeHasScoreAndOneTestPerCheck() throws Exception {
        JsonNode json = new ObjectMapper().readTree(write(new GradescopeReportWriter()));

        assertThat(json.get("score").asInt()).isEqualTo(7);
        assertThat(json.get("execution_time").asInt()).isEqualTo(4);
        assertThat(json.get("tests")).hasSize(4);
        JsonNode speed = json.get("tests").get(2);
        assertThat(speed.get("score").asInt()).isEqualTo(2);
        assertThat(speed.get("max_score").asInt()).isEqualTo(4);
        assertThat(speed.get("status").asText()).isEqualTo("failed");
        assertThat(speed.get("visibility").asText()).isEqualTo("visible");
        assertThat(speed.get("output").asText()).contains("hint: go faster");
        assertThat(json.get("tests").get(0).get("status").asText()).isEqualTo("passed");
        assertThat(json.get("output").asText()).contains("total time limit");
    }

    @Test
    void classroomResultHasMaxScoreAndScoredTests() throws Exception {
        JsonNode json = new ObjectMapper().readTree(write(new ClassroomReportWriter()));

        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("status").asText()).isEqualTo("fail");
        assertThat(json.get("max_score").asInt()).isEqualTo(13);
        int sum = 0;
        for (JsonNode t : json.get("tests")) {
            sum += t.get("score").asInt();
            assertThat(t.get("status").asText()).isIn("pass", "fail", "error");
        }
        assertThat(sum).isEqualTo(7);
        assertThat(json.get("tests").get(1).get("status").asText()).isEqualTo("error");
        assertThat(json.get("tests").get(1).get("message").asText()).contains("timed out").contains("deadlock");
    }

    @Test
    void summaryShowsPointsHintsAndTheThreadReport() throws Exception {
        String text = write(new SummaryWriter());

        assertThat(text).contains("[pass]    batch-size  5/5")
                .contains("[TIMEOUT] max-wait    0/3   check 'max-wait' timed out")
                .contains("hint: flush on time (see 03#max-wait)")
                .contains("| deadlock: worker-1 holds A@1")
                .contains("[partial] speed       2/4")
                .contains("Total: 7/13 points");
        assertThat(text).doesNotContain("hint: h1");
    }
}
