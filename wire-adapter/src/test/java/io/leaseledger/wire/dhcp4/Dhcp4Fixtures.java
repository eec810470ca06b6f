package io.leaseledger.wire.dhcp4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The captured packets in {@code src/test/resources/fixtures/dhcp4}, written by
 * {@code src/test/fixtures/capture-fixtures.sh}. A fixture file is {@code NAME.hex}: one
 * {@code # description} line (tool and version, message, what is notable), then the UDP payload
 * as hex, any number of lines.
 */
final class Dhcp4Fixtures {

    private Dhcp4Fixtures() {}

    static final String DIRECTORY = "fixtures/dhcp4";

    /** One captured DHCP message: file name without {@code .hex}, description, UDP payload. */
    record Fixture(String name, String description, byte[] payload) {

        /** The message type the file name states ({@code dhclient-request-renewing} → REQUEST). */
        MessageType namedType() {
            for (String word : name.split("-")) {
                switch (word) {
                    case "discover": return MessageType.DISCOVER;
                    case "offer": return MessageType.OFFER;
                    case "request": return MessageType.REQUEST;
                    case "decline": return MessageType.DECLINE;
                    case "ack": return MessageType.ACK;
                    case "nak": return MessageType.NAK;
                    case "release": return MessageType.RELEASE;
                    case "inform": return MessageType.INFORM;
                    default: break;
                }
            }
            throw new IllegalStateException("fixture " + name + " names no message type");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Fixture> all() {
        URL url = Dhcp4Fixtures.class.getClassLoader().getResource(DIRECTORY);
        if (url == null) {
            throw new IllegalStateException(DIRECTORY + " is not on the test classpath");
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hex"))
                    .sorted()
                    .map(Dhcp4Fixtures::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Fixture read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String fileName = file.getFileName().toString();
            if (lines.isEmpty() || !lines.getFirst().startsWith("# ")) {
                throw new IllegalStateException(fileName + ": first line must be '# description'");
            }
            StringBuilder hex = new StringBuilder();
            for (String line : lines.subList(1, lines.size())) {
                hex.append(line.strip());
            }
            return new Fixture(fileName.substring(0, fileName.length() - ".hex".length()),
                    lines.getFirst().substring(2), HexFormat.of().parseHex(hex));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
