package org.workdistlab.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson mapper of the protocol: record components in camelCase travel as snake_case keys. */
public final class Json {

    /**
     * Shared and thread-safe once configured. Unknown keys are ignored because newer frontends add fields; absent
     * optional components serialise as nothing rather than {@code null}.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    /**
     * Builds the serialisers of the first messages (a header, kernel_info_reply, status, execute_request) so the
     * first real request does not pay for Jackson's reflection. Meant for a background thread at start-up.
     */
    public static void warmUp() {
        try {
            Header h = Header.create("kernel_info_request", "warm-up");
            byte[] header = MAPPER.writeValueAsBytes(h);
            MAPPER.readValue(header, Header.class);
            MAPPER.readTree("{\"code\": \"1 + 1\", \"silent\": false}");
            MAPPER.valueToTree(new Messages.KernelInfoReply("ok", "5.3", "", "", new Messages.LanguageInfo("java",
                    "", "", "", "", "", ""), "", false, java.util.List.of(new Messages.HelpLink("", ""))));
            MAPPER.valueToTree(new Messages.StatusMessage("idle"));
            MAPPER.convertValue(MAPPER.createObjectNode().put("code", "1"), Messages.ExecuteRequest.class);
            MAPPER.valueToTree(Messages.ExecuteReply.ok(1, java.util.List.of(), java.util.Map.of()));
        } catch (java.io.IOException | RuntimeException e) {
            // Only a warm-up: the real request will report any real problem.
        }
    }
}
