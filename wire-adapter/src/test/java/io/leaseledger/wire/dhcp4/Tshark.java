package io.leaseledger.wire.dhcp4;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's {@code tshark} over a pcap and returns, per frame, every requested field with
 * all its occurrences in dissection order. Fields are Wireshark 4.x names ({@code dhcp.*}).
 */
public final class Tshark {

    /** Expert info severities as tshark prints them (epan/proto.h PI_*). */
    public static final long SEVERITY_WARN = 0x00600000L;
    public static final long SEVERITY_ERROR = 0x00800000L;

    private static final String AGGREGATOR = "\u001f";
    private static final long TIMEOUT_SECONDS = 120;

    private Tshark() {}

    /** Whether a runnable tshark is on the PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One map per frame, in frame order: field name to its values (empty list when absent). */
    public static List<Map<String, List<String>>> fields(byte[] pcap, List<String> fields) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("llt-tshark");
            Path file = dir.resolve("capture.pcap");
            Files.write(file, pcap);
            List<String> command = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(),
                    "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=" + AGGREGATOR));
            for (String f : fields) {
                command.add("-e");
                command.add(f);
            }
            Path stdout = dir.resolve("stdout");
            Path stderr = dir.resolve("stderr");
            Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("tshark did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("tshark exited " + p.exitValue() + ": " + Files.readString(stderr));
            }
            List<Map<String, List<String>>> frames = new ArrayList<>();
            for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                String[] columns = line.split("\t", -1);
                Map<String, List<String>> frame = new LinkedHashMap<>();
                for (int i = 0; i < fields.size(); i++) {
                    String column = i < columns.length ? columns[i] : "";
                    frame.put(fields.get(i), column.isEmpty() ? List.of() : Arrays.asList(column.split(AGGREGATOR, -1)));
                }
                frames.add(frame);
            }
            return frames;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover temp dir is harmless; the test result is what matters.
        }
    }
}
