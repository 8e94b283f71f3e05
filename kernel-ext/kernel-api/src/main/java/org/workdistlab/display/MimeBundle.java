package org.workdistlab.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One value's representations, keyed by MIME type, as Jupyter's {@code display_data} carries them.
 *
 * <p>Values are strings: text for textual types ({@code text/plain}, {@code text/html}), base64 for binary
 * ones ({@code image/png}). Every bundle that reaches a frontend should carry {@code text/plain}, because
 * it is what a console, a log, or a frontend that cannot show the richer type falls back to.
 *
 * @param data     MIME type to representation; insertion order is kept, richest first by convention
 * @param metadata per-type metadata such as {@code {"image/png": {"width": 640}}}; may be empty
 */
public record MimeBundle(Map<String, String> data, Map<String, Object> metadata) {

    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";

    public MimeBundle {
        Objects.requireNonNull(data, "data must not be null");
        Objects.requireNonNull(metadata, "metadata must not be null");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** A bundle with only {@code text/plain}. */
    public static MimeBundle text(String text) {
        return new MimeBundle(Map.of(TEXT, text), Map.of());
    }

    /** A bundle with {@code text/html} and its {@code text/plain} fallback. */
    public static MimeBundle html(String html, String plainFallback) {
        var data = new LinkedHashMap<String, String>();
        data.put(HTML, html);
        data.put(TEXT, plainFallback);
        return new MimeBundle(data, Map.of());
    }

    /** A bundle with a PNG image (raw bytes, encoded here) and its {@code text/plain} fallback. */
    public static MimeBundle png(byte[] png, String plainFallback) {
        var data = new LinkedHashMap<String, String>();
        data.put(PNG, java.util.Base64.getEncoder().encodeToString(png));
        data.put(TEXT, plainFallback);
        return new MimeBundle(data, Map.of());
    }

    /** The {@code text/plain} representation, or the empty string when there is none. */
    public String plainText() {
        return data.getOrDefault(TEXT, "");
    }
}
