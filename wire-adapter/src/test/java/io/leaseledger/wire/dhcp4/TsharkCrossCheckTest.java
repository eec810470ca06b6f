package io.leaseledger.wire.dhcp4;

import io.leaseledger.wire.dhcp4.Dhcp4Fixtures.Fixture;
import io.leaseledger.wire.dhcp4.GeneratedMessages.Generated;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Wireshark as an independent reader: every captured fixture and every message our encoder
 * writes is wrapped in a pcap and dissected by {@code tshark}; the fields it reports must be what
 * our decoder reports ({@link TsharkFieldView}: header, message type, every option code in order,
 * and the values of the typed options), and it must find nothing malformed. Skips without tshark.
 */
@Tag("peer")
class TsharkCrossCheckTest {

    /** Environment variable: a directory to keep the two pcaps in, for a look in Wireshark. */
    static final String KEEP_PCAPS = "LEASELEDGER_TSHARK_PCAP_DIR";

    private static final Map<String, Map<String, List<String>>> fixtureFrames = new HashMap<>();
    private static final Map<String, Map<String, List<String>>> generatedFrames = new HashMap<>();
    private static int frames;

    @BeforeAll
    static void dissectEverythingOnce() {
        assumeTrue(Tshark.available(), "tshark is not installed (Debian package tshark)");
        List<Fixture> fixtures = Dhcp4Fixtures.all();
        Pcap fixturePcap = new Pcap();
        fixtures.forEach(f -> fixturePcap.add(f.payload()));
        List<Generated> generated = GeneratedMessages.all();
        Pcap generatedPcap = new Pcap();
        generated.forEach(g -> generatedPcap.add(g.encode()));
        keep("fixtures.pcap", fixturePcap);
        keep("generated.pcap", generatedPcap);

        List<Map<String, List<String>>> dissected = Tshark.fields(fixturePcap.bytes(), TsharkFieldView.tsharkFields());
        for (int i = 0; i < Math.min(fixtures.size(), dissected.size()); i++) {
            fixtureFrames.put(fixtures.get(i).name(), dissected.get(i));
        }
        frames = dissected.size();
        dissected = Tshark.fields(generatedPcap.bytes(), TsharkFieldView.tsharkFields());
        for (int i = 0; i < Math.min(generated.size(), dissected.size()); i++) {
            generatedFrames.put(generated.get(i).name(), dissected.get(i));
        }
        frames += dissected.size();
    }

    private static void keep(String name, Pcap pcap) {
        String dir = System.getenv(KEEP_PCAPS);
        if (dir == null) {
            return;
        }
        try {
            Files.write(Path.of(dir, name), pcap.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Fixture> fixtures() {
        return Dhcp4Fixtures.all();
    }

    static List<Generated> generated() {
        return GeneratedMessages.all();
    }

    @Test
    void tsharkDissectsOneFramePerPacket() {
        assertThat(frames).isEqualTo(fixtures().size() + generated().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void tsharkReadsEachCapturedPacketAsOurDecoderDoes(Fixture fixture) {
        Map<String, List<String>> frame = fixtureFrames.get(fixture.name());
        Dhcp4Message decoded = Dhcp4Decoder.decode(fixture.payload());

        assertThat(TsharkFieldView.differences(decoded, frame)).as("fields where tshark (second) differs from us (first)").isEmpty();
        assertNothingMalformed(frame, Tshark.SEVERITY_ERROR);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generated")
    void tsharkReadsWhatWeEncodeAsWeBuiltIt(Generated generated) {
        Map<String, List<String>> frame = generatedFrames.get(generated.name());
        byte[] wire = generated.encode();

        Dhcp4Message decoded = Dhcp4Decoder.decode(wire);

        assertThat(decoded).isEqualTo(generated.message());
        assertThat(TsharkFieldView.differences(decoded, frame)).as("fields where tshark (second) differs from us (first)").isEmpty();
        // What we write must not even draw a warning: no non-standard option data, no bad lengths.
        assertNothingMalformed(frame, Tshark.SEVERITY_WARN);
    }

    private static void assertNothingMalformed(Map<String, List<String>> frame, long failingSeverity) {
        assertThat(frame.get("_ws.malformed")).as("malformed packet").isEmpty();
        List<String> severities = frame.get("_ws.expert.severity");
        List<String> messages = frame.get("_ws.expert.message");
        for (int i = 0; i < severities.size(); i++) {
            assertThat(Long.decode(severities.get(i))).as("expert info: %s", i < messages.size() ? messages.get(i) : "?")
                    .isLessThan(failingSeverity);
        }
    }
}
