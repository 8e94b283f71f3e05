package org.workdistlab.kernel.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.workdistlab.kernel.protocol.Header;
import org.workdistlab.kernel.protocol.Json;
import org.workdistlab.kernel.protocol.Message;
import org.workdistlab.kernel.protocol.Signer;
import org.workdistlab.kernel.protocol.Wire;
import org.workdistlab.kernel.zmq.ConnectionInfo;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client on real JeroMQ sockets, as jupyter_client connects: DEALER to shell and control, SUB to
 * iopub, REQ to heartbeat. Receives use a generous timeout as a safety net only; tests count messages, not time.
 */
final class TestClient implements AutoCloseable {

    static final Duration SAFETY = Duration.ofSeconds(20);

    final ConnectionInfo info;
    private final ZMQ.Context context = ZMQ.context(1);
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket hb;
    private final Wire wire;
    private final String session = UUID.randomUUID().toString();

    /** Free loopback ports and a fresh key. */
    static ConnectionInfo newConnection() {
        int[] ports = new int[5];
        var sockets = new ArrayList<ServerSocket>();
        try {
            for (int i = 0; i < 5; i++) {
                var s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            for (var s : sockets) {
                s.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                UUID.randomUUID().toString(), "hmac-sha256", "test");
    }

    TestClient(ConnectionInfo info) {
        this(info, info.key());
    }

    /** A client that signs with {@code key}, which may differ from the kernel's (to forge messages). */
    TestClient(ConnectionInfo info, String key) {
        this.info = info;
        this.wire = new Wire(new Signer(key));
        shell = connect(SocketType.DEALER, info.shellPort());
        control = connect(SocketType.DEALER, info.controlPort());
        iopub = connect(SocketType.SUB, info.iopubPort());
        iopub.subscribe(new byte[0]);
        hb = connect(SocketType.REQ, info.hbPort());
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket s = context.socket(type);
        s.setLinger(0);
        s.setReceiveTimeOut((int) SAFETY.toMillis());
        s.connect(info.endpoint(port));
        return s;
    }

    Message request(String msgType, Object content) {
        return new Message(List.of(), Header.create(msgType, session), Json.MAPPER.createObjectNode(),
                Json.MAPPER.createObjectNode(), Json.MAPPER.valueToTree(content), List.of());
    }

    /** Sends on shell; returns the request's msg_id. */
    String shell(String msgType, Object content) {
        Message m = request(msgType, content);
        send(shell, m);
        return m.header().msgId();
    }

    String control(String msgType, Object content) {
        Message m = request(msgType, content);
        send(control, m);
        return m.header().msgId();
    }

    String execute(String code) {
        return shell("execute_request", Map.of("code", code, "silent", false, "store_history", true,
                "user_expressions", Map.of(), "allow_stdin", false, "stop_on_error", true));
    }

    private void send(ZMQ.Socket s, Message m) {
        List<byte[]> frames = wire.encode(m);
        for (int i = 0; i < frames.size() - 1; i++) {
            s.send(frames.get(i), ZMQ.SNDMORE);
        }
        s.send(frames.get(frames.size() - 1), 0);
    }

    Message shellReply() {
        return receive(shell, "shell");
    }

    Message controlReply() {
        return receive(control, "control");
    }

    Message iopub() {
        return receive(iopub, "iopub");
    }

    /** iopub messages of request {@code msgId}, up to and including its status idle. */
    List<Message> iopubUntilIdle(String msgId) {
        var out = new ArrayList<Message>();
        while (true) {
            Message m = iopub();
            if (!msgId.equals(parentId(m))) {
                continue;
            }
            out.add(m);
            if (m.type().equals("status") && m.content().path("execution_state").asText().equals("idle")) {
                return out;
            }
        }
    }

    /**
     * Waits until the iopub subscription is live (ZeroMQ drops what a PUB sends before a SUB has joined), the way
     * jupyter_client does: repeat kernel_info until its busy status arrives on iopub.
     */
    void awaitIopubReady() {
        iopub.setReceiveTimeOut(200);
        try {
            for (int attempt = 0; attempt < 100; attempt++) {
                String id = shell("kernel_info_request", Map.of());
                shellReply();
                for (byte[] f; (f = iopub.recv(0)) != null; ) {
                    var frames = new ArrayList<byte[]>();
                    frames.add(f);
                    while (iopub.hasReceiveMore()) {
                        frames.add(iopub.recv(0));
                    }
                    Message m;
                    try {
                        m = wire.decode(frames);
                    } catch (Wire.BadMessageException e) {
                        throw new AssertionError(e);
                    }
                    if (id.equals(parentId(m)) && m.type().equals("status")
                            && m.content().path("execution_state").asText().equals("idle")) {
                        return;
                    }
                }
            }
            throw new AssertionError("iopub never delivered a status message");
        } finally {
            iopub.setReceiveTimeOut((int) SAFETY.toMillis());
        }
    }

    static String parentId(Message m) {
        return m.parentHeader().path("msg_id").asText(null);
    }

    byte[] ping(byte[] payload) {
        hb.send(payload, 0);
        return hb.recv(0);
    }

    /** Whether a message arrives on shell within {@code wait} (used only to show that none does). */
    boolean shellSilentFor(Duration wait) {
        shell.setReceiveTimeOut((int) wait.toMillis());
        try {
            return shell.recv(0) == null;
        } finally {
            shell.setReceiveTimeOut((int) SAFETY.toMillis());
        }
    }

    private Message receive(ZMQ.Socket s, String name) {
        byte[] first = s.recv(0);
        if (first == null) {
            throw new AssertionError("no message on " + name + " within the " + SAFETY.toSeconds()
                    + " s safety limit");
        }
        var frames = new ArrayList<byte[]>();
        frames.add(first);
        while (s.hasReceiveMore()) {
            frames.add(s.recv(0));
        }
        try {
            return wire.decode(frames);
        } catch (Wire.BadMessageException e) {
            throw new AssertionError("kernel sent a bad message on " + name + ": " + e.getMessage(), e);
        }
    }

    static JsonNode json(Object o) {
        return Json.MAPPER.valueToTree(o);
    }

    static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }

    @Override
    public void close() {
        shell.close();
        control.close();
        iopub.close();
        hb.close();
        context.term();
    }
}
