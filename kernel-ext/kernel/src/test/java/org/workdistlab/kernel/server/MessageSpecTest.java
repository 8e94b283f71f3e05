package org.workdistlab.kernel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.workdistlab.kernel.eval.Evaluator;
import org.workdistlab.kernel.protocol.Message;

/**
 * One reference per reply (and broadcast) type, checked against a live kernel through real sockets, in the
 * manner of ipykernel's {@code test_message_spec.py}. Each reference lists the keys the messaging spec 5.3
 * requires and their JSON types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageSpecTest {

    /** Key to JSON type: string, number, boolean, object, array, or "string|null". */
    record Reference(String msgType, Map<String, String> keys) {
        void validate(Message m) {
            assertThat(m.type()).as("msg_type").isEqualTo(msgType);
            assertThat(m.header().version()).isEqualTo("5.3");
            assertThat(m.header().msgId()).isNotBlank();
            assertThat(m.header().session()).isNotBlank();
            assertThat(m.header().date()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            JsonNode c = m.content();
            keys.forEach((key, type) -> {
                assertThat(c.has(key)).as("%s has '%s' in %s", msgType, key, c).isTrue();
                JsonNode v = c.get(key);
                boolean ok = switch (type) {
                    case "string" -> v.isTextual();
                    case "number" -> v.isNumber();
                    case "boolean" -> v.isBoolean();
                    case "object" -> v.isObject();
                    case "array" -> v.isArray();
                    case "string|null" -> v.isTextual() || v.isNull();
                    default -> throw new IllegalArgumentException(type);
                };
                assertThat(ok).as("%s.%s is a %s: %s", msgType, key, type, v).isTrue();
            });
        }
    }

    static final Reference KERNEL_INFO_REPLY = new Reference("kernel_info_reply", Map.of("status", "string",
            "protocol_version", "string", "implementation", "string", "implementation_version", "string",
            "language_info", "object", "banner", "string", "help_links", "array"));
    static final Reference EXECUTE_REPLY_OK = new Reference("execute_reply", Map.of("status", "string",
            "execution_count", "number", "payload", "array", "user_expressions", "object"));
    static final Reference EXECUTE_REPLY_ERROR = new Reference("execute_reply", Map.of("status", "string",
            "execution_count", "number", "ename", "string", "evalue", "string", "traceback", "array"));
    static final Reference COMPLETE_REPLY = new Reference("complete_reply", Map.of("status", "string",
            "matches", "array", "cursor_start", "number", "cursor_end", "number", "metadata", "object"));
    static final Reference INSPECT_REPLY = new Reference("inspect_reply", Map.of("status", "string",
            "found", "boolean", "data", "object", "metadata", "object"));
    static final Reference IS_COMPLETE_REPLY = new Reference("is_complete_reply", Map.of("status", "string"));
    static final Reference HISTORY_REPLY = new Reference("history_reply", Map.of("status", "string",
            "history", "array"));
    static final Reference COMM_INFO_REPLY = new Reference("comm_info_reply", Map.of("status", "string",
            "comms", "object"));
    static final Reference INTERRUPT_REPLY = new Reference("interrupt_reply", Map.of("status", "string"));
    static final Reference SHUTDOWN_REPLY = new Reference("shutdown_reply", Map.of("status", "string",
            "restart", "boolean"));
    static final Reference STATUS = new Reference("status", Map.of("execution_state", "string"));
    static final Reference STREAM = new Reference("stream", Map.of("name", "string", "text", "string"));
    static final Reference EXECUTE_INPUT = new Reference("execute_input", Map.of("code", "string",
            "execution_count", "number"));
    static final Reference EXECUTE_RESULT = new Reference("execute_result", Map.of("execution_count", "number",
            "data", "object", "metadata", "object"));
    static final Reference DISPLAY_DATA = new Reference("display_data", Map.of("data", "object",
            "metadata", "object", "transient", "object"));
    static final Reference UPDATE_DISPLAY_DATA = new Reference("update_display_data", Map.of("data", "object",
            "metadata", "object", "transient", "object"));
    static final Reference CLEAR_OUTPUT = new Reference("clear_output", Map.of("wait", "boolean"));
    static final Reference ERROR = new Reference("error", Map.of("ename", "string", "evalue", "string",
            "traceback", "array"));

    KernelFixture kernel;
    TestClient client;

    @BeforeAll
    void start() {
        kernel = new KernelFixture();
        client = kernel.client;
    }

    @AfterAll
    void stop() {
        kernel.close();
    }

    /** Executes {@code code}; returns the reply and the iopub messages from busy to idle. */
    record Run(Message reply, List<Message> iopub) {
        List<Message> ofType(String type) {
            return iopub.stream().filter(m -> m.type().equals(type)).toList();
        }
    }

    Run run(String code) {
        String id = client.execute(code);
        Message reply = client.shellReply();
        assertThat(TestClient.parentId(reply)).isEqualTo(id);
        List<Message> io = client.iopubUntilIdle(id);
        assertThat(io.get(0).type()).isEqualTo("status");
        assertThat(io.get(0).content().path("execution_state").asText()).isEqualTo("busy");
        io.forEach(m -> assertThat(TestClient.parentId(m)).isEqualTo(id));
        return new Run(reply, io);
    }

    @Test
    void kernelInfoReplyNamesJavaAndTheProtocol() {
        String id = client.shell("kernel_info_request", Map.of());
        Message reply = client.shellReply();
        KERNEL_INFO_REPLY.validate(reply);
        assertThat(TestClient.parentId(reply)).isEqualTo(id);
        JsonNode c = reply.content();
        assertThat(c.path("status").asText()).isEqualTo("ok");
        assertThat(c.path("protocol_version").asText()).isEqualTo("5.3");
        JsonNode lang = c.path("language_info");
        assertThat(lang.path("name").asText()).isEqualTo("java");
        assertThat(lang.path("file_extension").asText()).isEqualTo(".java");
        assertThat(lang.path("mimetype").asText()).isEqualTo("text/x-java-source");
        assertThat(lang.path("version").asText()).isEqualTo(System.getProperty("java.version"));
        client.iopubUntilIdle(id).forEach(STATUS::validate);
    }

    @Nested
    class Execute {

        @Test
        void countsExecutionsAndPublishesInputOutputAndResult() {
            Run first = run("print hello\nvalue 42");
            Run second = run("value 43");
            EXECUTE_REPLY_OK.validate(first.reply());
            int n = first.reply().content().path("execution_count").asInt();
            assertThat(second.reply().content().path("execution_count").asInt()).isEqualTo(n + 1);

            EXECUTE_INPUT.validate(first.ofType("execute_input").get(0));
            assertThat(first.ofType("execute_input").get(0).content().path("execution_count").asInt()).isEqualTo(n);
            Message stream = first.ofType("stream").get(0);
            STREAM.validate(stream);
            assertThat(stream.content().path("text").asText()).isEqualTo("hello\n");
            Message result = first.ofType("execute_result").get(0);
            EXECUTE_RESULT.validate(result);
            assertThat(result.content().path("data").path("text/plain").asText()).isEqualTo("42");
            assertThat(result.content().path("execution_count").asInt()).isEqualTo(n);
            // busy, execute_input, stream, execute_result, idle: output before idle, in order
            assertThat(first.iopub().stream().map(Message::type).toList())
                    .containsExactly("status", "execute_input", "stream", "execute_result", "status");
        }

        @Test
        void silentCellsNeitherCountNorBroadcastInputOrResult() {
            int before = run("value 1").reply().content().path("execution_count").asInt();
            String id = client.shell("execute_request", Map.of("code", "value 2", "silent", true));
            Message reply = client.shellReply();
            List<Message> io = client.iopubUntilIdle(id);
            assertThat(reply.content().path("execution_count").asInt()).isEqualTo(before);
            assertThat(io).extracting(Message::type).containsExactly("status", "status");
            String id2 = client.shell("execute_request", Map.of("code", "value 3", "store_history", false));
            assertThat(client.shellReply().content().path("execution_count").asInt()).isEqualTo(before);
            client.iopubUntilIdle(id2);
        }

        @Test
        void anErrorIsBroadcastAndReplied() {
            Run r = run("fail ArithmeticException");
            EXECUTE_REPLY_ERROR.validate(r.reply());
            assertThat(r.reply().content().path("status").asText()).isEqualTo("error");
            assertThat(r.reply().content().path("ename").asText()).isEqualTo("ArithmeticException");
            Message error = r.ofType("error").get(0);
            ERROR.validate(error);
            assertThat(error.content().path("traceback").get(0).asText()).contains("ArithmeticException");
        }

        @Test
        void displayUpdateAndClearCarryTheDisplayId() {
            Run r = run("display chart\nupdate d1 50%\nclear");
            DISPLAY_DATA.validate(r.ofType("display_data").get(0));
            assertThat(r.ofType("display_data").get(0).content().path("data").path("text/html").asText())
                    .isEqualTo("<b>chart</b>");
            assertThat(r.ofType("display_data").get(0).content().path("transient").path("display_id").asText())
                    .isEqualTo("d1");
            UPDATE_DISPLAY_DATA.validate(r.ofType("update_display_data").get(0));
            assertThat(r.ofType("update_display_data").get(0).content().path("transient").path("display_id")
                    .asText()).isEqualTo("d1");
            CLEAR_OUTPUT.validate(r.ofType("clear_output").get(0));
        }

        @Test
        void pagerPayloadsPassThrough() {
            Run r = run("page the docs");
            JsonNode payload = r.reply().content().path("payload");
            assertThat(payload).hasSize(1);
            assertThat(payload.get(0).path("source").asText()).isEqualTo("page");
            assertThat(payload.get(0).path("data").path("text/plain").asText()).isEqualTo("the docs");
        }

        @Test
        void userExpressionsAreEvaluatedIntoTheReply() {
            String id = client.shell("execute_request", Map.of("code", "print x",
                    "user_expressions", Map.of("a", "value 7", "b", "fail Oops")));
            Message reply = client.shellReply();
            client.iopubUntilIdle(id);
            JsonNode ue = reply.content().path("user_expressions");
            assertThat(ue.path("a").path("status").asText()).isEqualTo("ok");
            assertThat(ue.path("a").path("data").path("text/plain").asText()).isEqualTo("7");
            assertThat(ue.path("b").path("status").asText()).isEqualTo("error");
            assertThat(ue.path("b").path("ename").asText()).isEqualTo("Oops");
        }

        @Test
        void outputFromAThreadAfterItsCellEndedGoesWithTheLatestExecuteRequest() {
            run("print first cell");
            Evaluator.CellOutput keptByAWorker = kernel.evaluator.lastOutput;
            Run second = run("value 2");
            keptByAWorker.stream("stdout", "late line\n");
            Message late;
            do {
                late = client.iopub();
            } while (!late.type().equals("stream"));
            assertThat(late.content().path("text").asText()).isEqualTo("late line\n");
            assertThat(TestClient.parentId(late)).isEqualTo(TestClient.parentId(second.reply()));
        }

        @Test
        void streamOutputOfOneCellArrivesWhole() {
            var code = new StringBuilder();
            var expected = new StringBuilder();
            for (int i = 0; i < 2000; i++) {
                code.append("print line ").append(i).append('\n');
                expected.append("line ").append(i).append('\n');
            }
            Run r = run(code.toString());
            var text = new StringBuilder();
            r.ofType("stream").forEach(m -> text.append(m.content().path("text").asText()));
            assertThat(text.toString()).isEqualTo(expected.toString());
            // coalesced: far fewer messages than prints
            assertThat(r.ofType("stream").size()).isLessThan(2000);
        }
    }

    @Test
    void completeReplyHasMatchesAndCursorRangeInCodePoints() {
        // "😀" is two UTF-16 units but one code point; the protocol counts code points.
        String code = "😀 pri";
        String id = client.shell("complete_request", Map.of("code", code, "cursor_pos", 5));
        Message reply = client.shellReply();
        COMPLETE_REPLY.validate(reply);
        assertThat(reply.content().path("matches")).extracting(JsonNode::asText)
                .containsExactly("println", "printf", "print");
        assertThat(reply.content().path("cursor_start").asInt()).isEqualTo(2);
        assertThat(reply.content().path("cursor_end").asInt()).isEqualTo(5);
        client.iopubUntilIdle(id);
    }

    @Test
    void inspectReplyFoundAndNotFound() {
        client.shell("inspect_request", Map.of("code", "String", "cursor_pos", 6, "detail_level", 0));
        Message found = client.shellReply();
        INSPECT_REPLY.validate(found);
        assertThat(found.content().path("found").asBoolean()).isTrue();
        assertThat(found.content().path("data").path("text/plain").asText()).isEqualTo("doc of String");
        client.shell("inspect_request", Map.of("code", " ", "cursor_pos", 1, "detail_level", 0));
        Message missing = client.shellReply();
        INSPECT_REPLY.validate(missing);
        assertThat(missing.content().path("found").asBoolean()).isFalse();
    }

    @Test
    void isCompleteReplyStatuses() {
        assertThat(isComplete("int x = 1;")).isEqualTo("complete|");
        assertThat(isComplete("void f() {")).isEqualTo("incomplete|    ");
        assertThat(isComplete(")")).isEqualTo("invalid|");
    }

    private String isComplete(String code) {
        client.shell("is_complete_request", Map.of("code", code));
        Message reply = client.shellReply();
        IS_COMPLETE_REPLY.validate(reply);
        return reply.content().path("status").asText() + "|" + reply.content().path("indent").asText("");
    }

    @Test
    void historyReplyTailRangeAndSearch() {
        List<Integer> lines = new ArrayList<>();
        for (String code : List.of("value 100", "value 200", "value 100")) {
            lines.add(run(code).reply().content().path("execution_count").asInt());
        }
        Message tail = history(Map.of("hist_access_type", "tail", "n", 3, "output", true, "raw", true));
        HISTORY_REPLY.validate(tail);
        JsonNode h = tail.content().path("history");
        assertThat(h).hasSize(3);
        assertThat(h.get(0).get(1).asInt()).isEqualTo(lines.get(0));
        assertThat(h.get(1).get(2).get(0).asText()).isEqualTo("value 200");
        assertThat(h.get(1).get(2).get(1).asText()).isEqualTo("200");

        int session = h.get(0).get(0).asInt();
        JsonNode range = history(Map.of("hist_access_type", "range", "session", session, "start", lines.get(1),
                "stop", lines.get(1) + 1, "output", false, "raw", true)).content().path("history");
        assertThat(range).hasSize(1);
        assertThat(range.get(0).get(2).asText()).isEqualTo("value 200");

        JsonNode search = history(Map.of("hist_access_type", "search", "pattern", "value 1*", "output", false,
                "raw", true)).content().path("history");
        assertThat(search.size()).isGreaterThanOrEqualTo(2);
        JsonNode unique = history(Map.of("hist_access_type", "search", "pattern", "value 1*", "unique", true,
                "output", false, "raw", true)).content().path("history");
        assertThat(unique).hasSize(1);
        assertThat(unique.get(0).get(1).asInt()).isEqualTo(lines.get(2));
    }

    private Message history(Map<String, Object> request) {
        String id = client.shell("history_request", request);
        Message reply = client.shellReply();
        client.iopubUntilIdle(id);
        return reply;
    }

    @Test
    void commInfoReplyHasNoComms() {
        client.shell("comm_info_request", Map.of());
        Message reply = client.shellReply();
        COMM_INFO_REPLY.validate(reply);
        assertThat(reply.content().path("comms").size()).isZero();
    }

    @Test
    void interruptReplyOnControlWhileIdle() {
        client.control("interrupt_request", Map.of());
        INTERRUPT_REPLY.validate(client.controlReply());
    }

    @Test
    void unknownTypesAreIgnoredAndTheKernelStillAnswers() {
        client.shell("frobnicate_request", Map.of());
        client.shell("comm_info_request", Map.of());
        assertThat(client.shellReply().type()).isEqualTo("comm_info_reply");
    }

    @Test
    void heartbeatEchoes() {
        assertThat(client.ping("ping-1".getBytes())).isEqualTo("ping-1".getBytes());
    }
}
