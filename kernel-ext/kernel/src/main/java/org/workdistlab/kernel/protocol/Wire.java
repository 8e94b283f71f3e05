package org.workdistlab.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The multipart wire format: {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata,
 * content, buffers...]}.
 *
 * <p>{@link #decode} verifies the signature before it parses any JSON, so a forged message never reaches a
 * handler.
 */
public final class Wire {

    /** The frame that separates routing identities from the message. */
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final Signer signer;

    public Wire(Signer signer) {
        this.signer = signer;
    }

    /** Frames for {@code message}, signed. */
    public List<byte[]> encode(Message message) {
        try {
            byte[] header = Json.MAPPER.writeValueAsBytes(message.header());
            byte[] parent = Json.MAPPER.writeValueAsBytes(message.parentHeader());
            byte[] metadata = Json.MAPPER.writeValueAsBytes(message.metadata());
            byte[] content = Json.MAPPER.writeValueAsBytes(message.content());
            var frames = new ArrayList<byte[]>(message.identities().size() + 6 + message.buffers().size());
            frames.addAll(message.identities());
            frames.add(DELIMITER);
            frames.add(signer.sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
            frames.add(header);
            frames.add(parent);
            frames.add(metadata);
            frames.add(content);
            frames.addAll(message.buffers());
            return frames;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("message content cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The message in {@code frames}.
     *
     * @throws BadMessageException when the delimiter is missing, the signature is wrong or a part is not JSON
     */
    public Message decode(List<byte[]> frames) throws BadMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new BadMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new BadMessageException("expected signature and 4 JSON frames after the delimiter, got "
                    + (frames.size() - delimiter - 1));
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new BadMessageException("invalid signature");
        }
        try {
            return new Message(
                    frames.subList(0, delimiter),
                    Json.MAPPER.readValue(header, Header.class),
                    asObject(Json.MAPPER.readTree(parent)),
                    asObject(Json.MAPPER.readTree(metadata)),
                    Json.MAPPER.readTree(content),
                    frames.subList(delimiter + 6, frames.size()));
        } catch (IOException e) {
            throw new BadMessageException("a JSON frame does not parse: " + e.getMessage());
        }
    }

    private static ObjectNode asObject(JsonNode node) {
        return node instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
    }

    /** A frame sequence that is not a valid, correctly signed message. */
    public static final class BadMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        public BadMessageException(String message) {
            super(message);
        }
    }
}
