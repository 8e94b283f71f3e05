package org.workdistlab.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One Jupyter message as it travels: the routing identities before the {@code <IDS|MSG>} delimiter, the four
 * JSON parts and optional binary buffers.
 *
 * @param identities   ZeroMQ routing prefixes; a reply carries the request's identities back
 * @param header       this message's header
 * @param parentHeader the header of the request this message answers or belongs to, kept as JSON so that it is
 *                     echoed back byte-for-byte in meaning; an empty object when there is none
 * @param metadata     free-form metadata
 * @param content      the type-specific content, see {@link Messages}
 * @param buffers      extra binary frames (unused by this kernel, but kept when received)
 */
public record Message(List<byte[]> identities, Header header, ObjectNode parentHeader, ObjectNode metadata,
                      JsonNode content, List<byte[]> buffers) {

    public Message {
        identities = List.copyOf(identities);
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(parentHeader, "parentHeader");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(content, "content");
        buffers = List.copyOf(buffers);
    }

    /** The message type, e.g. {@code execute_request}. */
    public String type() {
        return header.msgType();
    }

    /** The content converted to a content record such as {@link Messages.ExecuteRequest}. */
    public <T> T content(Class<T> type) {
        return Json.MAPPER.convertValue(content, type);
    }

    /**
     * A reply to this request on the same socket: same identities, this header as parent, sent in the kernel's
     * {@code session}.
     */
    public Message reply(String session, String msgType, Object content) {
        return new Message(identities, Header.create(msgType, session), Json.MAPPER.valueToTree(header),
                Json.MAPPER.createObjectNode(), Json.MAPPER.valueToTree(content), List.of());
    }

    /**
     * A message for the iopub channel, topic {@code msgType}, belonging to {@code parent} (may be {@code null}:
     * then the parent header is empty).
     */
    public static Message broadcast(String session, Message parent, String msgType, Object content) {
        var parentHeader = parent == null ? Json.MAPPER.createObjectNode()
                : (ObjectNode) Json.MAPPER.valueToTree(parent.header());
        return new Message(List.of(msgType.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Header.create(msgType, session), parentHeader, Json.MAPPER.createObjectNode(),
                Json.MAPPER.valueToTree(content), List.of());
    }
}
