package io.leaseledger.wire.dhcp4;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Round trips over random messages: what the encoder writes, the decoder reads back equal. */
class Dhcp4RoundTripPropertyTest {

    record RawOption(int code, byte[] value) {}

    @Provide
    Arbitrary<List<RawOption>> options() {
        Arbitrary<Integer> codes = Arbitraries.integers().between(1, 254).filter(c -> c != 52 && c != 53);
        Arbitrary<byte[]> values = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofMinSize(200).ofMaxSize(700));
        return Combinators.combine(codes, values).as(RawOption::new).list().ofMaxSize(12).uniqueElements(RawOption::code);
    }

    @Provide
    Arbitrary<Dhcp4Message> messages() {
        Arbitrary<byte[]> mac = Arbitraries.bytes().array(byte[].class).ofSize(6);
        Arbitrary<String> text = Arbitraries.strings().withCharRange((char) 1, (char) 255).ofMaxLength(40);
        return Combinators.combine(
                Arbitraries.integers().between(1, 2),
                Arbitraries.integers(),
                Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.integers(),
                Arbitraries.integers(),
                mac,
                Combinators.combine(text, text).as(List::of),
                Combinators.combine(Arbitraries.integers().between(0, 255), options()).as((t, o) -> List.of(t, o))
        ).as((op, xid, flags, ciaddr, giaddr, chaddr, names, typeAndOptions) -> {
            Dhcp4MessageBuilder b = Dhcp4Message.builder().op(op).xid(xid).flags(flags).ciaddr(ciaddr).giaddr(giaddr)
                    .ethernet(chaddr).sname(names.get(0)).file(names.get(1))
                    .messageType(MessageType.valueOf((Integer) typeAndOptions.get(0)));
            @SuppressWarnings("unchecked")
            List<RawOption> opts = (List<RawOption>) typeAndOptions.get(1);
            for (RawOption o : opts) {
                b.putOption(o.code(), o.value());
            }
            return b.build();
        });
    }

    @Property(tries = 400)
    void decodeOfEncodeIsIdentityWithoutASizeLimit(@ForAll("messages") Dhcp4Message message) {
        assertThat(Dhcp4Decoder.decode(Dhcp4Encoder.encode(message, 65_535))).isEqualTo(message);
    }

    @Property(tries = 400)
    void withinTheMinimumSizeItEitherRoundTripsOrRefuses(@ForAll("messages") Dhcp4Message message) {
        byte[] wire;
        try {
            wire = Dhcp4Encoder.encode(message, 576);
        } catch (Dhcp4EncodeException tooLarge) {
            assertThat(tooLarge.required()).isGreaterThan(548);
            return;
        }
        assertThat(wire.length).isBetween(300, 548);
        assertThat(Dhcp4Decoder.decode(wire)).isEqualTo(message);
    }

    @Property(tries = 400)
    void unknownOptionsSurviveByteForByte(@ForAll("shortOptions") List<RawOption> options) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(RawPackets.request("350101"));
        for (RawOption o : options) {
            wire.write(o.code());
            wire.write(o.value().length);
            wire.writeBytes(o.value());
        }
        wire.write(255);
        while (wire.size() < 300) {
            wire.write(0);
        }
        byte[] original = wire.toByteArray();

        assertThat(Dhcp4Encoder.encode(Dhcp4Decoder.decode(original), 65_535)).isEqualTo(original);
    }

    @Provide
    Arbitrary<List<RawOption>> shortOptions() {
        Arbitrary<Integer> codes = Arbitraries.integers().between(1, 254).filter(c -> c != 52 && c != 53);
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(255);
        return Combinators.combine(codes, values).as(RawOption::new).list().ofMaxSize(20).uniqueElements(RawOption::code);
    }
}
