package io.leaseledger.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The directory of a scratch store (the warm-up's, a {@code check}'s trial import): deleted whole when done. */
public final class ScratchDirectory {
    private ScratchDirectory() {}

    /** Deletes {@code directory} and everything in it; nothing when it does not exist. */
    public static void wipe(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
