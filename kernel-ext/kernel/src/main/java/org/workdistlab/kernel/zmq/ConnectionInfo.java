package org.workdistlab.kernel.zmq;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

    /**
     * Reads and checks {@code file}. Uses Jackson's streaming parser, not data binding: this is on the path to the
     * first reply, and binding a record costs a few hundred milliseconds of reflection in a cold JVM.
     *
     * @throws IllegalArgumentException with a one-line message naming the problem and the file
     */
    public static ConnectionInfo read(Path file) {
        try (JsonParser p = new JsonFactory().createParser(Files.readAllBytes(file))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            var f = new java.util.HashMap<String, String>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                } else {
                    f.put(name, p.getValueAsString());
                }
            }
            return new ConnectionInfo(f.get("transport"), f.get("ip"), port(f, "shell_port"), port(f, "iopub_port"),
                    port(f, "stdin_port"), port(f, "control_port"), port(f, "hb_port"), f.get("key"),
                    f.get("signature_scheme"), f.get("kernel_name")).checked(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("connection file " + file + " does not exist (Jupyter passes it as "
                    + "{connection_file}; start the kernel from Jupyter)");
        } catch (IOException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read connection file " + file + ": " + e.getMessage()
                    + " (Jupyter passes it as {connection_file}; start the kernel from Jupyter)");
        }
    }

    private static int port(java.util.Map<String, String> fields, String name) throws IOException {
        String v = fields.get(name);
        if (v == null) {
            throw new IOException("no " + name);
        }
        return Integer.parseInt(v);
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
