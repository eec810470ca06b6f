package io.leaseledger.leaseimport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A lease file named by {@code serve --import-leases}, read before the node starts, and its SHA-256.
 *
 * @param again import it even if this store has imported the same file before ({@code --import-again})
 */
public record LeaseFileToImport(Path path, String sha256, ForeignLeaseFile file, boolean again) {

    /** Reads and parses {@code path}; throws {@link IllegalArgumentException} naming what is wrong with it. */
    public static LeaseFileToImport read(Path path) {
        return read(path, false);
    }

    public static LeaseFileToImport read(Path path, boolean again) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("--import-leases: cannot read " + path + ": " + e);
        }
        try {
            ForeignLeaseFile file = ForeignLeaseFile.parse(new String(bytes, StandardCharsets.UTF_8), path.toString());
            return new LeaseFileToImport(path.toAbsolutePath(), sha256(bytes), file, again);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--import-leases: " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
