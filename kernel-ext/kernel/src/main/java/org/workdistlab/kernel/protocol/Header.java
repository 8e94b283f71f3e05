package org.workdistlab.kernel.protocol;

import java.time.Instant;
import java.util.UUID;

/**
 * A message header. {@code date} is ISO 8601 in UTC; {@code version} is the messaging spec version.
 */
public record Header(String msgId, String session, String username, String date, String msgType, String version) {

    /** The messaging spec version this kernel speaks. */
    public static final String PROTOCOL_VERSION = "5.3";

    /** A fresh header for a message this kernel sends in {@code session}. */
    public static Header create(String msgType, String session) {
        return new Header(UUID.randomUUID().toString(), session, "kernel", Instant.now().toString(), msgType,
                PROTOCOL_VERSION);
    }
}
