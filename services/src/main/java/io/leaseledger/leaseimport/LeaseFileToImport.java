package io.leaseledger.leaseimport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A lease file named by {@code serve --import-leases}, read before the node starts, and the SHA-256
 * of what was read. For Kea's memfile that is the set of files Kea itself loads at start
 * ({@code .completed} or {@code .2} and {@code .1} beside the file, then the file): after Kea's
 * hourly cleanup, the file alone holds only what changed since.
 *
 * @param read  the files read, oldest first ({@code path} last)
 * @param again import it even if this store has imported the same content before ({@code --import-again})
 */
public record LeaseFileToImport(Path path, List<Path> read, String sha256, ForeignLeaseFile file, boolean again) {

    /** Reads and parses {@code path}; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static LeaseFileToImport read(Path path) {
        return read(path, false);
    }

    public static LeaseFileToImport read(Path path, boolean again) {
        Path file = path.toAbsolutePath();
        String text = text(file);
        try {
            if (ForeignLeaseFile.isKeaMemfile(text)) {
                List<Path> read = KeaMemfile.files(file);
                List<KeaMemfile.Part> parts = new ArrayList<>();
                for (Path part : read) {
                    parts.add(new KeaMemfile.Part(part.getFileName().toString(), part.equals(file) ? text : text(part)));
                }
                return new LeaseFileToImport(file, List.copyOf(read), sha256(parts.stream().map(KeaMemfile.Part::text).toList()),
                        KeaMemfile.parse(parts), again);
            }
            return new LeaseFileToImport(file, List.of(file), sha256(List.of(text)),
                    ForeignLeaseFile.parse(text, path.toString(), modified(file)), again);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--import-leases: " + e.getMessage(), e);
        }
    }

    /** The file, and the older files of its set read before it: "/var/lib/kea/kea-leases4.csv (and kea-leases4.csv.2)". */
    public String describe() {
        List<String> older = read.stream().filter(part -> !part.equals(path)).map(part -> part.getFileName().toString()).toList();
        return older.isEmpty() ? path.toString() : path + " (and " + String.join(", ", older) + ")";
    }

    private static java.time.Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            throw new IllegalArgumentException("--import-leases: cannot read " + file + ": " + e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--import-leases: cannot read " + file + ": " + e);
        }
    }

    private static String sha256(List<String> texts) {
        return LeaseImporter.sha256(texts);
    }
}
