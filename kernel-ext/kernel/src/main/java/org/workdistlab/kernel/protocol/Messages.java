package org.workdistlab.kernel.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Content records, one per message type this kernel reads or writes. Naming rule (as in kotlin-jupyter's
 * {@code MessageTypes}): a request or reply type {@code execute_request} becomes {@code ExecuteRequest}; a
 * broadcast type {@code stream} becomes {@code StreamMessage}. Components in camelCase travel as snake_case keys
 * (see {@link Json}); {@code null} components are left out of the JSON.
 */
public final class Messages {

    private Messages() {
    }

    /** Reply status values. */
    public static final String OK = "ok";
    public static final String ERROR = "error";
    public static final String ABORTED = "aborted";

    // ---- shell: execute ----

    /** {@code execute_request}; absent booleans take the spec's defaults. */
    public record ExecuteRequest(String code, Boolean silent, Boolean storeHistory,
                                 Map<String, String> userExpressions, Boolean allowStdin, Boolean stopOnError) {
        public boolean silentMode() {
            return Boolean.TRUE.equals(silent);
        }

        /** Silent implies no history, as the spec says. */
        public boolean storesHistory() {
            return !silentMode() && !Boolean.FALSE.equals(storeHistory);
        }

        public boolean stopsOnError() {
            return !Boolean.FALSE.equals(stopOnError);
        }
    }

    /** {@code execute_reply}: {@code ename}, {@code evalue}, {@code traceback} only with status error. */
    public record ExecuteReply(String status, int executionCount, List<Map<String, Object>> payload,
                               Map<String, Object> userExpressions, String ename, String evalue,
                               List<String> traceback) {
        public static ExecuteReply ok(int count, List<Map<String, Object>> payload, Map<String, Object> exprs) {
            return new ExecuteReply(OK, count, payload, exprs, null, null, null);
        }

        public static ExecuteReply error(int count, String ename, String evalue, List<String> traceback) {
            return new ExecuteReply(ERROR, count, List.of(), Map.of(), ename, evalue, traceback);
        }

        public static ExecuteReply aborted(int count) {
            return new ExecuteReply(ABORTED, count, List.of(), Map.of(), null, null, null);
        }
    }

    // ---- shell: introspection ----

    public record KernelInfoRequest() {
    }

    public record KernelInfoReply(String status, String protocolVersion, String implementation,
                                  String implementationVersion, LanguageInfo languageInfo, String banner,
                                  boolean debugger, List<HelpLink> helpLinks) {
    }

    /** {@code codemirror_mode} is a string or an object such as {@code {"name": "clike"}}. */
    public record LanguageInfo(String name, String version, String mimetype, String fileExtension,
                               Object codemirrorMode, String pygmentsLexer, String nbconvertExporter) {
    }

    public record HelpLink(String text, String url) {
    }

    /** {@code cursor_pos} counts Unicode code points (protocol 5.2+), not UTF-16 units; absent means the end. */
    public record CompleteRequest(String code, Integer cursorPos) {
    }

    public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd,
                                Map<String, Object> metadata) {
    }

    /** {@code cursor_pos} counts Unicode code points (protocol 5.2+), not UTF-16 units. */
    public record InspectRequest(String code, Integer cursorPos, int detailLevel) {
    }

    public record InspectReply(String status, boolean found, Map<String, String> data, Map<String, Object> metadata) {
    }

    public record IsCompleteRequest(String code) {
    }

    /** {@code indent} only with status {@code incomplete}. */
    public record IsCompleteReply(String status, String indent) {
    }

    /**
     * {@code history_request}: {@code hist_access_type} is {@code tail} (uses {@code n}), {@code range} (uses
     * {@code session}, {@code start}, {@code stop}) or {@code search} (uses {@code pattern}, {@code unique},
     * {@code n}).
     */
    public record HistoryRequest(Boolean output, Boolean raw, String histAccessType, Integer session, Integer start,
                                 Integer stop, Integer n, String pattern, Boolean unique) {
    }

    /** Each entry is {@code [session, line, input]} or, with output, {@code [session, line, [input, output]]}. */
    public record HistoryReply(String status, List<List<Object>> history) {
    }

    public record CommInfoRequest(String targetName) {
    }

    public record CommInfoReply(String status, Map<String, Object> comms) {
    }

    // ---- control ----

    public record ShutdownRequest(boolean restart) {
    }

    public record ShutdownReply(String status, boolean restart) {
    }

    public record InterruptRequest() {
    }

    public record InterruptReply(String status) {
    }

    // ---- iopub ----

    /** {@code execution_state}: {@code busy}, {@code idle} or {@code starting}. */
    public record StatusMessage(String executionState) {
    }

    /** {@code name}: {@code stdout} or {@code stderr}. */
    public record StreamMessage(String name, String text) {
    }

    public record ExecuteInputMessage(String code, int executionCount) {
    }

    public record ExecuteResultMessage(int executionCount, Map<String, String> data, Map<String, Object> metadata) {
    }

    /** {@code transient} carries {@code display_id}; the Java name avoids the keyword. */
    public record DisplayDataMessage(Map<String, String> data, Map<String, Object> metadata,
                                     @JsonProperty("transient") Map<String, Object> transientData) {
    }

    public record UpdateDisplayDataMessage(Map<String, String> data, Map<String, Object> metadata,
                                           @JsonProperty("transient") Map<String, Object> transientData) {
    }

    /** {@code wait}: clear only when new output arrives (the Java name avoids {@code Object.wait}). */
    public record ClearOutputMessage(@JsonProperty("wait") boolean waitForNext) {
    }

    public record ErrorMessage(String ename, String evalue, List<String> traceback) {
    }
}
