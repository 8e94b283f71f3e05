package org.workdistlab.kernel.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies messages with HMAC-SHA256 over header, parent header, metadata and content, as the
 * connection file's {@code key} demands. An empty key disables signing (the signature frame is empty), as the
 * spec allows.
 *
 * <p>Thread-safe: each call takes its own {@link Mac}, because a {@code Mac} instance is not.
 */
public final class Signer {

    /** The only scheme the connection file may name. */
    public static final String SCHEME = "hmac-sha256";

    private final byte[] key;
    private final ThreadLocal<Mac> macs;

    public Signer(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** Hex HMAC of the four frames, or {@code ""} when signing is disabled. */
    public String sign(byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (key.length == 0) {
            return "";
        }
        Mac mac = macs.get();
        mac.update(header);
        mac.update(parent);
        mac.update(metadata);
        mac.update(content);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Whether {@code signature} is right for the frames; compares in constant time. */
    public boolean verify(byte[] signature, byte[] header, byte[] parent, byte[] metadata, byte[] content) {
        if (key.length == 0) {
            return true;
        }
        byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
