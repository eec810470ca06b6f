package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node started again in the same JVM on the same API port, at once: {@code close()} returns only
 * once Netty has let go of the port (it does so about 100 ms after the server stops, on its own
 * thread — CI caught a restart in between in {@code EventsCommandRestartTest}); and a client's
 * connection the old node closed (its end in TIME_WAIT) does not keep the port either.
 */
class ApiRestartTest {
    @TempDir
    Path dir;

    @Test
    void theApiPortBindsAgainAtOnceAfterTheNodeClosedAClientsConnection() throws Exception {
        int port = ApiNode.freeApiPort();
        String yaml = ApiNode.yaml(dir).replace("  port: 0\n", "  port: " + port + "\n");
        ApiNode first = ApiNode.start(yaml, Clock.systemUTC());
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = client.getOutputStream();
            out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = client.getInputStream();
            byte[] head = in.readNBytes(12);
            assertThat(new String(head, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 ");
            // The connection stays open (keep-alive): the node closes it as it stops.
            first.close();
            try (ServerSocket again = new ServerSocket()) {
                again.setReuseAddress(true);
                again.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } // without the wait in close(), BindException here, every time
            while (in.read() >= 0) {
                // drain until the node's FIN
            }
        }

        try (ApiNode second = ApiNode.start(yaml, Clock.systemUTC())) {
            assertThat(second.get("/health", null).status()).isEqualTo(200);
        }
    }
}
