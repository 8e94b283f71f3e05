package org.workdistlab.kernel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.workdistlab.kernel.protocol.Message;

/** Control-channel behaviour, forged messages and shutdown, each against a fresh kernel on real sockets. */
class KernelLifecycleTest {

    @Nested
    class Signatures {

        @Test
        void aBadlySignedExecuteRequestIsDroppedAndAGoodOneStillRuns() throws Exception {
            try (var kernel = new KernelFixture();
                 var forger = new TestClient(kernel.info, "not-the-key")) {
                forger.execute("print forged");
                // Nothing comes back to the forger, and nothing ran.
                assertThat(forger.shellSilentFor(Duration.ofMillis(500))).isTrue();
                assertThat(kernel.evaluator.executed.get()).isZero();

                kernel.client.execute("print genuine");
                Message reply = kernel.client.shellReply();
                assertThat(reply.content().path("status").asText()).isEqualTo("ok");
                assertThat(kernel.evaluator.codes).containsExactly("print genuine");
            }
        }
    }

    @Nested
    class Interrupt {

        @Test
        void controlIsServedWhileACellRunsAndTheCellReportsTheInterrupt() throws Exception {
            try (var kernel = new KernelFixture()) {
                var client = kernel.client;
                String exec = client.execute("block");
                assertThat(kernel.evaluator.blocking.await(20, TimeUnit.SECONDS)).isTrue();

                // kernel_info on control is answered although shell is busy with the cell
                client.control("kernel_info_request", Map.of());
                assertThat(client.controlReply().type()).isEqualTo("kernel_info_reply");

                client.control("interrupt_request", Map.of());
                Message interruptReply = client.controlReply();
                MessageSpecTest.INTERRUPT_REPLY.validate(interruptReply);

                Message reply = client.shellReply();
                assertThat(TestClient.parentId(reply)).isEqualTo(exec);
                assertThat(reply.content().path("status").asText()).isEqualTo("error");
                assertThat(reply.content().path("ename").asText()).isEqualTo("Interrupted");

                client.execute("value after");
                assertThat(client.shellReply().content().path("status").asText()).isEqualTo("ok");
            }
        }

        @Test
        void stopOnErrorAbortsExecutesQueuedBehindAFailedCell() throws Exception {
            try (var kernel = new KernelFixture()) {
                var client = kernel.client;
                client.execute("block\nfail Boom");
                assertThat(kernel.evaluator.blocking.await(20, TimeUnit.SECONDS)).isTrue();
                String queued1 = client.execute("print never");
                String queued2 = client.execute("print never either");
                // Let the two requests reach the kernel's socket before the failing cell ends (loopback).
                Thread.sleep(300);
                kernel.evaluator.release();

                assertThat(client.shellReply().content().path("status").asText()).isEqualTo("error");
                Message a = client.shellReply();
                Message b = client.shellReply();
                assertThat(TestClient.parentId(a)).isEqualTo(queued1);
                assertThat(TestClient.parentId(b)).isEqualTo(queued2);
                assertThat(a.content().path("status").asText()).isEqualTo("aborted");
                assertThat(b.content().path("status").asText()).isEqualTo("aborted");
                assertThat(kernel.evaluator.codes).containsExactly("block\nfail Boom");

                client.execute("print later");
                assertThat(client.shellReply().content().path("status").asText()).isEqualTo("ok");
            }
        }
    }

    @Nested
    class Shutdown {

        @Test
        void shutdownOnControlRepliesBroadcastsAndStopsTheServer() throws Exception {
            try (var kernel = new KernelFixture()) {
                var client = kernel.client;
                String id = client.control("shutdown_request", Map.of("restart", true));
                Message reply = client.controlReply();
                MessageSpecTest.SHUTDOWN_REPLY.validate(reply);
                assertThat(reply.content().path("restart").asBoolean()).isTrue();
                Message broadcast = client.iopubUntilIdle(id).stream()
                        .filter(m -> m.type().equals("shutdown_reply")).findFirst().orElseThrow();
                assertThat(broadcast.content().path("restart").asBoolean()).isTrue();
                assertThat(kernel.server.awaitShutdown(Duration.ofSeconds(20))).isTrue();
                assertThat(kernel.server.awaitShutdown()).isTrue();
            }
        }

        @Test
        void shutdownWhileACellRunsInterruptsItAndStillStops() throws Exception {
            try (var kernel = new KernelFixture()) {
                var client = kernel.client;
                client.execute("block");
                assertThat(kernel.evaluator.blocking.await(20, TimeUnit.SECONDS)).isTrue();
                client.control("shutdown_request", Map.of("restart", false));
                assertThat(client.controlReply().content().path("restart").asBoolean()).isFalse();
                assertThat(kernel.server.awaitShutdown(Duration.ofSeconds(20))).isTrue();
                assertThat(kernel.evaluator.interrupts.get()).isPositive();
                assertThat(kernel.server.awaitShutdown()).isFalse();
            }
        }
    }
}
