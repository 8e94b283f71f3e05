package org.workdistlab.kernel.zmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {

    @TempDir
    Path tmp;

    private Path file(String json) throws IOException {
        return Files.writeString(tmp.resolve("kernel-1.json"), json);
    }

    @Test
    void readsAJupyterConnectionFile() throws IOException {
        ConnectionInfo info = ConnectionInfo.read(file("""
                {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004,
                 "hb_port": 5005, "ip": "127.0.0.1", "key": "a-b-c", "transport": "tcp",
                 "signature_scheme": "hmac-sha256", "kernel_name": "wdl-java", "extra": {"x": [1, 2]}}"""));
        assertThat(info).isEqualTo(new ConnectionInfo("tcp", "127.0.0.1", 5001, 5002, 5003, 5004, 5005, "a-b-c",
                "hmac-sha256", "wdl-java"));
        assertThat(info.endpoint(info.shellPort())).isEqualTo("tcp://127.0.0.1:5001");
    }

    @Test
    void rejectsWhatTheKernelCannotServeInOneLine() throws IOException {
        assertThatThrownBy(() -> ConnectionInfo.read(file("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "kernel", "key": "", "transport": "ipc"}""")))
                .hasMessageContaining("supports only tcp").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ConnectionInfo.read(file("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "127.0.0.1", "key": "k", "signature_scheme": "hmac-md5"}""")))
                .hasMessageContaining("hmac-sha256");
        assertThatThrownBy(() -> ConnectionInfo.read(file("{\"ip\": \"127.0.0.1\"}")))
                .hasMessageContaining("no shell_port");
        assertThatThrownBy(() -> ConnectionInfo.read(tmp.resolve("missing.json")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void socketsListenOnTheConnectionFilesAddressOnly() throws Exception {
        Optional<InetAddress> other = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        Assumptions.assumeTrue(other.isPresent(), "this machine has no non-loopback IPv4 address to try");
        int[] ports = new int[5];
        for (int i = 0; i < 5; i++) {
            try (var s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
        var info = new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], "k",
                "hmac-sha256", "t");
        try (var sockets = new KernelSockets(info)) {
            try (var loopback = new Socket()) {
                loopback.connect(new InetSocketAddress("127.0.0.1", ports[0]), 5000);
                assertThat(loopback.isConnected()).isTrue();
            }
            assertThatThrownBy(() -> {
                try (var outside = new Socket()) {
                    outside.connect(new InetSocketAddress(other.get(), ports[0]), 5000);
                }
            }).isInstanceOf(IOException.class);
            // nobody owns these sockets' receive loops here; close them as their owners would
            sockets.closeShell();
            sockets.closeControl();
            sockets.closeIopub();
        }
    }
}
