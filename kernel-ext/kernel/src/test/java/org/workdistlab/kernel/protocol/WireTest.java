package org.workdistlab.kernel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireTest {

    private final Wire wire = new Wire(new Signer("key"));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Message sample() {
        return new Message(List.of(b("id-1"), b("id-2")), Header.create("execute_request", "s1"),
                Json.MAPPER.createObjectNode(), Json.MAPPER.createObjectNode(),
                Json.MAPPER.valueToTree(Map.of("code", "1 + 1", "silent", false)), List.of(b("buffer")));
    }

    @Test
    void framesAreIdentitiesDelimiterSignatureFourJsonPartsAndBuffers() {
        List<byte[]> frames = wire.encode(sample());
        assertThat(frames).hasSize(2 + 1 + 1 + 4 + 1);
        assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).isEqualTo("id-1");
        assertThat(frames.get(2)).isEqualTo(Wire.DELIMITER);
        assertThat(new String(frames.get(3), StandardCharsets.US_ASCII)).hasSize(64).matches("[0-9a-f]+");
        assertThat(new String(frames.get(4), StandardCharsets.UTF_8)).contains("\"msg_type\":\"execute_request\"",
                "\"msg_id\"", "\"version\":\"5.3\"");
        assertThat(new String(frames.get(8), StandardCharsets.UTF_8)).isEqualTo("buffer");
    }

    @Test
    void decodeInvertsEncode() throws Exception {
        Message m = sample();
        Message back = wire.decode(wire.encode(m));
        assertThat(back.header()).isEqualTo(m.header());
        assertThat(back.identities()).hasSize(2);
        assertThat(back.content().path("code").asText()).isEqualTo("1 + 1");
        assertThat(back.content(Messages.ExecuteRequest.class).storesHistory()).isTrue();
        assertThat(back.buffers()).hasSize(1);
    }

    @Test
    void aTamperedContentFrameIsRejected() {
        List<byte[]> frames = new ArrayList<>(wire.encode(sample()));
        frames.set(7, b("{\"code\":\"System.exit(0)\"}"));
        assertThatThrownBy(() -> wire.decode(frames)).isInstanceOf(Wire.BadMessageException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRejected() {
        List<byte[]> frames = new Wire(new Signer("other")).encode(sample());
        assertThatThrownBy(() -> wire.decode(frames)).isInstanceOf(Wire.BadMessageException.class);
    }

    @Test
    void missingDelimiterOrFramesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> wire.decode(List.of(b("a"), b("b"))))
                .hasMessageContaining("<IDS|MSG>");
        assertThatThrownBy(() -> wire.decode(List.of(Wire.DELIMITER, b("sig"), b("{}"))))
                .hasMessageContaining("4 JSON frames");
    }

    @Test
    void repliesCarryTheRequestIdentitiesAndHeaderAsParent() {
        Message request = sample();
        Message reply = request.reply("kernel-session", "execute_reply", Map.of("status", "ok"));
        assertThat(reply.identities()).containsExactlyElementsOf(request.identities());
        assertThat(reply.parentHeader().path("msg_id").asText()).isEqualTo(request.header().msgId());
        assertThat(reply.header().session()).isEqualTo("kernel-session");
        assertThat(reply.type()).isEqualTo("execute_reply");
    }

    @Test
    void snakeCaseKeysAndNoNullsOnTheWire() {
        var reply = Messages.ExecuteReply.ok(3, List.of(), Map.of());
        var json = Json.MAPPER.valueToTree(reply);
        assertThat(json.has("execution_count")).isTrue();
        assertThat(json.has("user_expressions")).isTrue();
        assertThat(json.has("ename")).isFalse();
        var clear = Json.MAPPER.valueToTree(new Messages.ClearOutputMessage(true));
        assertThat(clear.path("wait").asBoolean()).isTrue();
        var display = Json.MAPPER.valueToTree(new Messages.DisplayDataMessage(Map.of(), Map.of(),
                Map.of("display_id", "x")));
        assertThat(display.path("transient").path("display_id").asText()).isEqualTo("x");
    }
}
