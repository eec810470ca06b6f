package io.leaseledger.wire.icmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.link.PacketSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The raw socket against this host's own loopback, which answers echo requests; skipped without CAP_NET_RAW. */
class EchoSocketTest {

    @Test
    void loopbackAnswersAnEchoRequestAndTheSocketHearsTheReply() throws Exception {
        EchoSocket socket;
        try {
            socket = EchoSocket.open(200);
        } catch (PacketSocket.NativeFailure e) {
            assumeTrue(e.errno != PacketSocket.EPERM && e.errno != PacketSocket.EACCES, "no CAP_NET_RAW here");
            throw e;
        }
        try (socket) {
            int identifier = 0x4c4c;
            socket.send(Ipv4Address.parse("127.0.0.1"), identifier, 9);

            Optional<EchoMessages.EchoReply> ours = Optional.empty();
            // Bounded: other pings of this host may be heard first; ours comes within a few reads.
            for (int read = 0; read < 50 && ours.isEmpty(); read++) {
                ours = socket.receive().filter(r -> r.identifier() == identifier);
            }

            assertThat(ours).contains(new EchoMessages.EchoReply(Ipv4Address.parse("127.0.0.1"), identifier, 9));
        }
    }
}
