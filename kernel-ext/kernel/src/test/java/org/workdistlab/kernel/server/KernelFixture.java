package org.workdistlab.kernel.server;

import org.workdistlab.kernel.protocol.Signer;
import org.workdistlab.kernel.protocol.Wire;
import org.workdistlab.kernel.zmq.ConnectionInfo;
import org.workdistlab.kernel.zmq.KernelSockets;

/** A kernel server on real loopback sockets with a {@link ScriptedEvaluator}, and a connected client. */
final class KernelFixture implements AutoCloseable {

    final ConnectionInfo info = TestClient.newConnection();
    final ScriptedEvaluator evaluator = new ScriptedEvaluator();
    final KernelServer server;
    final TestClient client;

    KernelFixture() {
        server = new KernelServer(new KernelSockets(info), new Wire(new Signer(info.key())), evaluator).start();
        client = new TestClient(info);
        client.awaitIopubReady();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
