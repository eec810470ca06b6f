package io.leaseledger.wire.dhcp6;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.leaseledger.events.types.Duid;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Coverage-guided fuzzing of the DHCPv6 decoder and the responder behind it (Jazzer). Whatever the
 * bytes: the decoder returns a message or throws {@link Dhcp6DecodeException}, and what decodes
 * encodes back to the same bytes; the responder answers or drops with a reason, never throws, and
 * what it answers encodes and decodes. A plain {@code ./mvnw verify} replays the corpus in
 * {@code src/test/resources/io/leaseledger/wire/dhcp6/Dhcp6DecoderFuzzTestInputs/}; the
 * {@code fuzz-dhcp6-decoder} execution fuzzes for {@code maxDuration}; see docs/wire.md.
 */
class Dhcp6DecoderFuzzTest {

    private static final Dhcp6Responder RESPONDER = new Dhcp6Responder(Duid.parse("00:03:00:01:02:00:00:00:00:01"),
            List.of(new Dhcp6Link(Ipv6Prefix.parse("::/0"), Optional.of("eth1"),
                    List.of(Ipv6Prefix.address("2001:2::53")), List.of("maas.example"), Optional.of(Duration.ofHours(1)))));

    @FuzzTest(maxDuration = "30s")
    void decoderAndResponderOnlyEverRefuseTyped(byte[] datagram) {
        var outcome = RESPONDER.respond(datagram, Optional.of("eth1"));
        if (outcome instanceof Dhcp6Responder.Answer answer) {
            assertThat(Dhcp6Codec.decode(Dhcp6Codec.encode(answer.packet()))).isEqualTo(answer.packet());
        }
        Dhcp6Packet packet;
        try {
            packet = Dhcp6Codec.decode(datagram);
        } catch (Dhcp6DecodeException expected) {
            return;
        }
        packet.toString();
        assertThat(Dhcp6Codec.encode(packet)).isEqualTo(datagram);
    }
}
