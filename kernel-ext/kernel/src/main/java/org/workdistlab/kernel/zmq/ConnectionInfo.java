package org.workdistlab.kernel.zmq;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Jupyter connection file: where to bind and how to sign.
 *
 * <p>Only {@code tcp} is supported: JeroMQ's {@code ipc} transport is TCP on loopback under another name, so a
 * frontend that expects a Unix socket could never connect.
 */
public record ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort,
                             int controlPort, int hbPort, String key, String signatureScheme, String kernelName) {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * Reads and checks {@code file}.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem and the file
     */
    public static ConnectionInfo read(Path file) {
        ConnectionInfo info;
        try {
            info = MAPPER.readValue(Files.readAllBytes(file), ConnectionInfo.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read connection file " + file + ": " + e.getMessage()
                    + " (Jupyter passes it as {connection_file}; start the kernel from Jupyter)");
        }
        return info.checked(file);
    }

    private ConnectionInfo checked(Path file) {
        String t = transport == null ? "tcp" : transport;
        if (!t.equals("tcp")) {
            throw new IllegalArgumentException("connection file " + file + " asks for transport '" + t
                    + "'; this kernel supports only tcp (set c.KernelManager.transport = 'tcp')");
        }
        if (ip == null || ip.isBlank()) {
            throw new IllegalArgumentException("connection file " + file + " has no ip");
        }
        String scheme = signatureScheme == null ? "hmac-sha256" : signatureScheme;
        if (!scheme.equals("hmac-sha256")) {
            throw new IllegalArgumentException("connection file " + file + " asks for signature scheme '" + scheme
                    + "'; this kernel supports only hmac-sha256");
        }
        return new ConnectionInfo(t, ip, shellPort, iopubPort, stdinPort, controlPort, hbPort,
                key == null ? "" : key, scheme, kernelName);
    }

    /** The ZeroMQ endpoint for {@code port}, e.g. {@code tcp://127.0.0.1:5555}. */
    public String endpoint(int port) {
        String host = ip.contains(":") && !ip.startsWith("[") ? "[" + ip + "]" : ip;
        return transport + "://" + host + ":" + port;
    }
}
