package org.workdistlab.grader.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.workdistlab.grader.CheckResult.Outcome;

/**
 * Encodes {@link ForkEvent}s as single-line JSON objects with a {@code "type"} field, and back. The wire line is
 * {@code <token> <json>}: the token is a per-fork random secret the parent hands the fork on stdin, so lines
 * printed by learner code (which never sees the token) are not events.
 */
public final class EventCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EventCodec() {
    }

    public static String encode(ForkEvent event) {
        ObjectNode o = JSON.createObjectNode();
        if (event instanceof ForkEvent.Hello h) {
            o.put("type", "hello").put("java", h.javaVersion()).put("cores", h.cores());
        } else if (event instanceof ForkEvent.CheckStarted s) {
            o.put("type", "check-started").put("check", s.checkId());
        } else if (event instanceof ForkEvent.CheckFinished f) {
            o.put("type", "check-finished").put("check", f.checkId()).put("outcome", f.outcome().name())
                    .put("message", f.message()).put("durationMillis", f.durationMillis())
                    .put("output", f.output()).put("outputBytes", f.outputBytes());
            f.diagnostics().ifPresent(d -> o.put("diagnostics", d));
            f.partialPoints().ifPresent(p -> o.put("partialPoints", p));
            o.set("measurements", JSON.valueToTree(f.measurements()));
        } else if (event instanceof ForkEvent.Exiting x) {
            o.put("type", "exiting").put("check", x.checkId()).put("detail", x.detail());
        } else {
            o.put("type", "done");
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event, e);
        }
    }

    /** The event in {@code json}, or empty if it is not a well-formed event. */
    public static Optional<ForkEvent> decode(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.isObject()) {
                return Optional.empty();
            }
            return Optional.ofNullable(switch (n.path("type").asText()) {
                case "hello" -> new ForkEvent.Hello(n.path("java").asText(), n.path("cores").asInt());
                case "check-started" -> new ForkEvent.CheckStarted(n.path("check").asText());
                case "check-finished" -> new ForkEvent.CheckFinished(n.path("check").asText(),
                        Outcome.valueOf(n.path("outcome").asText()), n.path("message").asText(),
                        n.path("durationMillis").asLong(),
                        n.hasNonNull("diagnostics") ? Optional.of(n.get("diagnostics").asText()) : Optional.empty(),
                        measurements(n.path("measurements")),
                        n.hasNonNull("partialPoints") ? Optional.of(n.get("partialPoints").asInt()) : Optional.empty(),
                        n.path("output").asText(), n.path("outputBytes").asLong());
                case "exiting" -> new ForkEvent.Exiting(n.path("check").asText(), n.path("detail").asText());
                case "done" -> new ForkEvent.Done();
                default -> null;
            });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> measurements(JsonNode node) {
        var out = new LinkedHashMap<String, Object>();
        node.properties().forEach(e -> {
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                    : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        });
        return out;
    }
}
