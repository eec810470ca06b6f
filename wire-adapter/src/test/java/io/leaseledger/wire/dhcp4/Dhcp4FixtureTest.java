package io.leaseledger.wire.dhcp4;

import io.leaseledger.wire.dhcp4.Dhcp4Fixtures.Fixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Real packets (see {@link Dhcp4Fixtures}) through the codec: each decodes, says the message type
 * its capture says, reads every catalogued option typed, and re-encodes to exactly the captured
 * bytes. Field-by-field agreement with Wireshark is {@link TsharkCrossCheckTest}'s job.
 */
class Dhcp4FixtureTest {

    static List<Fixture> fixtures() {
        return Dhcp4Fixtures.all();
    }

    @Test
    void everyCapturedToolIsRepresented() {
        List<String> names = fixtures().stream().map(Fixture::name).toList();

        assertThat(names).anyMatch(n -> n.startsWith("dhclient-"))
                .anyMatch(n -> n.startsWith("udhcpc-"))
                .anyMatch(n -> n.startsWith("dhcpcd-"))
                .anyMatch(n -> n.startsWith("dhcrelay-"))
                .anyMatch(n -> n.startsWith("dnsmasq-"))
                .anyMatch(n -> n.startsWith("pxe-"))
                .anyMatch(n -> n.startsWith("ipxe-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesToTheMessageTypeItWasCapturedAs(Fixture fixture) {
        Dhcp4Message message = Dhcp4Decoder.decode(fixture.payload());

        assertThat(message.messageType()).isEqualTo(fixture.namedType());
        assertThat(fixture.description()).contains(": " + fixture.namedType().typeName() + " ");
        boolean fromClient = List.of(MessageType.DISCOVER, MessageType.REQUEST, MessageType.DECLINE,
                MessageType.RELEASE, MessageType.INFORM).contains(message.messageType());
        assertThat(message.isRequest()).isEqualTo(fromClient);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyCataloguedOptionReadsTyped(Fixture fixture) {
        Dhcp4Message message = Dhcp4Decoder.decode(fixture.payload());

        for (OptionDef<?> def : OptionCatalog.all()) {
            if (def.format() == OptionFormat.STRUCTURAL || def.code().value() == 52) {
                continue;
            }
            assertThatCode(() -> message.get(def)).as("option %s in %s", def, fixture).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reEncodesToTheCapturedBytesExactly(Fixture fixture) {
        Dhcp4Message message = Dhcp4Decoder.decode(fixture.payload());
        // The sender's own size limit: what it sent fitted in it, and an overloaded packet
        // overloads again only because its options do not fit the datagram it came in.
        int maxMessageSize = fixture.payload().length + Dhcp4Encoder.IP_UDP_OVERHEAD;

        byte[] wire = Dhcp4Encoder.encode(message, maxMessageSize);

        assertThat(HexFormat.of().formatHex(wire))
                .isEqualTo(HexFormat.of().formatHex(withOverloadAfterMessageType(fixture.payload())));
    }

    /**
     * The one normalisation the encoder applies: the overload option (52) is not an option of the
     * decoded message but a fact about its layout, and the encoder writes it right after a leading
     * message type (some PXE ROMs want 53 first). dnsmasq writes it last. Everything else —
     * option order, RFC 3396 instances, what went into file/sname, the end option, zero padding —
     * is byte-exact.
     */
    static byte[] withOverloadAfterMessageType(byte[] captured) {
        int p = 240;
        int overloadAt = -1;
        while (p < captured.length && (captured[p] & 0xFF) != 255) {
            if (captured[p] == 0) {
                p++;
                continue;
            }
            if (captured[p] == 52) {
                overloadAt = p;
            }
            p += 2 + (captured[p + 1] & 0xFF);
        }
        boolean typeFirst = captured[240] == 53;
        int insertAt = typeFirst ? 243 : 240;
        if (overloadAt < 0 || overloadAt == insertAt) {
            return captured;
        }
        byte[] tlv = Arrays.copyOfRange(captured, overloadAt, overloadAt + 3);
        byte[] out = new byte[captured.length];
        int o = 0;
        for (int i = 0; i < captured.length; i++) {
            if (i == insertAt) {
                System.arraycopy(tlv, 0, out, o, 3);
                o += 3;
            }
            if (i >= overloadAt && i < overloadAt + 3) {
                continue;
            }
            out[o++] = captured[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodeEncodeDecodeGivesAnEqualMessage(Fixture fixture) {
        Dhcp4Message message = Dhcp4Decoder.decode(fixture.payload());

        Dhcp4Message again = Dhcp4Decoder.decode(Dhcp4Encoder.encode(message, Dhcp4Encoder.MAX_PAYLOAD));

        assertThat(again).isEqualTo(message);
    }
}
