package io.leaseledger.it.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Fills a file system to its last block with one file, and frees it again: a disk that runs
 * full under a running server, as a log or a backup fills a real one.
 */
public final class DiskFiller {
    private static final int BLOCK = 64 * 1024;
    /** Appending a whole file system of writes through the page cache is bounded in count anyway; this bounds the time. */
    private static final Duration FILL_LIMIT = Duration.ofSeconds(60);

    private final Path filler;

    private DiskFiller(Path filler) {
        this.filler = filler;
    }

    /**
     * Takes every free block of the file system {@code filler} is on (root's reserve included):
     * nine tenths at once with {@code fallocate}, the rest by appending until the kernel answers
     * {@code ENOSPC}.
     */
    public static DiskFiller fill(Path filler) {
        try {
            FileStore fileSystem = Files.getFileStore(filler.getParent());
            long free = fileSystem.getUnallocatedSpace();
            // fallocate of all of it fails: the extents' own metadata needs blocks too
            long most = free / 10 * 9;
            if (most > 0) {
                Commands.run(FILL_LIMIT, List.of("fallocate", "-l", Long.toString(most), filler.toString())).requireSuccess();
            }
            byte[] block = new byte[BLOCK];
            long deadline = System.nanoTime() + FILL_LIMIT.toNanos();
            try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
                while (System.nanoTime() < deadline) {
                    out.write(block);
                    out.flush();
                }
                throw new AssertionError("the file system under " + filler + " did not fill within " + FILL_LIMIT);
            } catch (IOException full) {
                if (!String.valueOf(full.getMessage()).contains("No space left")) {
                    throw full;
                }
            }
            return new DiskFiller(filler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Gives the space back. */
    public void free() {
        try {
            Files.deleteIfExists(filler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
