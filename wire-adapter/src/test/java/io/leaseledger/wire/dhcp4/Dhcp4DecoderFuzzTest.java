package io.leaseledger.wire.dhcp4;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the decoder (Jazzer). Whatever the bytes, the decoder returns a
 * message or throws {@link Dhcp4DecodeException}; every typed read of what it returns does the same;
 * and what decodes re-encodes and decodes back to an equal message.
 *
 * <p>A plain {@code ./mvnw verify} replays the corpus in
 * {@code src/test/resources/io/leaseledger/wire/dhcp4/Dhcp4DecoderFuzzTestInputs/} (regression mode).
 * {@code JAZZER_FUZZ=1} fuzzes for {@code maxDuration}; see docs/wire.md.
 */
class Dhcp4DecoderFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void decoderOnlyEverThrowsItsTypedError(byte[] datagram) {
        Dhcp4Message message;
        try {
            message = Dhcp4Decoder.decode(datagram);
        } catch (Dhcp4DecodeException expected) {
            return;
        }
        for (OptionDef<?> def : OptionCatalog.all()) {
            try {
                message.get(def).ifPresent(Object::toString);
            } catch (Dhcp4DecodeException expected) {
                // A malformed value is reported typed; anything else fails the fuzz run.
            }
        }
        message.toString();
        message.maxMessageSize();

        byte[] reencoded = Dhcp4Encoder.encode(message, 65_535);
        assertThat(Dhcp4Decoder.decode(reencoded)).isEqualTo(message);
        try {
            byte[] small = Dhcp4Encoder.encode(message, Dhcp4Encoder.MIN_MAX_MESSAGE_SIZE);
            assertThat(small.length).isLessThanOrEqualTo(Dhcp4Encoder.MIN_MAX_MESSAGE_SIZE - Dhcp4Encoder.IP_UDP_OVERHEAD);
            assertThat(Dhcp4Decoder.decode(small)).isEqualTo(message);
        } catch (Dhcp4EncodeException tooLarge) {
            assertThat(tooLarge.reason()).isEqualTo(Dhcp4EncodeException.Reason.MESSAGE_TOO_LARGE);
        }
    }
}
