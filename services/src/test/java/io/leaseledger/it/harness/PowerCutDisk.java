package io.leaseledger.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An ext4 file system of its own, on a loop device, mounted over a directory, whose power can be
 * cut. {@link #cut()} is ext4's shutdown ioctl with {@code EXT4_GOING_FLAGS_NOLOGFLUSH}: the file
 * system stops at once and writes nothing more, neither its journal nor the dirty pages of the
 * page cache, and every later read or write fails. What survives is what a power cut at that
 * instant leaves: what was forced to the device ({@code fsync}) and whatever writeback happened
 * to flush before. {@link #remount()} is the boot after it: ext4 replays its journal. This is
 * xfstests' {@code godown}. The image file lives in the test's directory.
 */
public final class PowerCutDisk implements AutoCloseable {
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    /** {@code EXT4_IOC_SHUTDOWN}, {@code _IOR('X', 125, __u32)}; XFS's {@code XFS_IOC_GOINGDOWN} has the same number. */
    private static final String SHUTDOWN_IOCTL = "0x8004587d";
    /** {@code EXT4_GOING_FLAGS_NOLOGFLUSH}: flush neither data nor journal. */
    private static final int NO_LOG_FLUSH = 2;

    private final Path image;
    private final Path mountPoint;
    /** The loop device of the current boot: each boot gets a new one (see {@link #remount()}). */
    private String device;
    private final Cleanup.Action cleanup;
    private boolean mounted;

    private PowerCutDisk(Path image, Path mountPoint, String device) {
        this.image = image;
        this.mountPoint = mountPoint;
        this.device = device;
        this.cleanup = Cleanup.register("unmount and detach " + image, this::release);
    }

    /** Skips the test where loop devices or the tools are missing (a container without {@code /dev/loop-control}). */
    public static void assumeAvailable() {
        assumeTrue(Files.exists(Path.of("/dev/loop-control")), "no loop devices here (/dev/loop-control)");
        for (String tool : new String[]{"losetup", "mkfs.ext4", "mount", "umount"}) {
            assumeTrue(Requirements.locate(tool).isPresent(), tool + " is not installed");
        }
        assumeTrue(Files.isExecutable(Path.of(Requirements.DEBIAN_PYTHON)), Requirements.DEBIAN_PYTHON + " is missing");
    }

    /** A fresh ext4 of {@code bytes} (sparse) in {@code image}, mounted over {@code mountPoint}, which must exist and be empty. */
    public static PowerCutDisk mountOver(Path mountPoint, Path image, long bytes) {
        try {
            Files.deleteIfExists(image);
            try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
                file.setLength(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String device = run("losetup", "--find", "--show", image.toString()).stdout().strip();
        PowerCutDisk disk = new PowerCutDisk(image, mountPoint, device);
        try {
            run("mkfs.ext4", "-q", "-F", device);
            disk.mount();
            return disk;
        } catch (RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    /**
     * The power cut: the file system stops where it is; processes with files on it see I/O errors.
     * Returns when the shutdown ioctl was called and when it returned (the cut took effect between
     * the two): what a lost write is timed against.
     */
    public CutWindow cut() {
        String script = "import fcntl, os, struct, sys, time\n"
                + "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
                + "before = time.time_ns()\n"
                + "fcntl.ioctl(fd, " + SHUTDOWN_IOCTL + ", struct.pack('I', " + NO_LOG_FLUSH + "))\n"
                + "print(before, time.time_ns())\n";
        String[] instants = run(Requirements.DEBIAN_PYTHON, "-c", script, mountPoint.toString()).stdout().strip().split(" ");
        return new CutWindow(nanosToInstant(Long.parseLong(instants[0])), nanosToInstant(Long.parseLong(instants[1])));
    }

    /** The shutdown ioctl was called at {@code called} and had returned at {@code returned}. */
    public record CutWindow(java.time.Instant called, java.time.Instant returned) {
        @Override
        public String toString() {
            return "ioctl called " + called + ", returned " + returned;
        }
    }

    private static java.time.Instant nanosToInstant(long epochNanos) {
        return java.time.Instant.ofEpochSecond(epochNanos / 1_000_000_000L, epochNanos % 1_000_000_000L);
    }

    /** Forces everything written to the file system so far to the device ({@code syncfs}). */
    public void sync() {
        run("sync", "--file-system", mountPoint.toString());
    }

    /**
     * The boot after the cut: unmount (no process may hold a file open on it), then mount the
     * image through a new loop device, replaying the journal. Not the same device again: other
     * mount namespaces (every {@code ip netns exec} makes one, a capture running in the server's
     * network namespace keeps its own) still hold the shut-down file system of the old device, and
     * mounting that device again would hand back that same shut-down instance instead of reading
     * what is on the disk. The old device is detached when the last of them lets go.
     */
    public void remount() {
        unmount();
        Commands.run(COMMAND_LIMIT, "losetup", "--detach", device);
        device = run("losetup", "--find", "--show", image.toString()).stdout().strip();
        mount();
    }

    public Path mountPoint() {
        return mountPoint;
    }

    @Override
    public void close() {
        cleanup.run();
    }

    private void release() {
        try {
            if (mounted) {
                unmount();
            }
        } finally {
            Commands.run(COMMAND_LIMIT, "losetup", "--detach", device);
            try {
                Files.deleteIfExists(image);
            } catch (IOException e) {
                System.err.println("llt: could not delete " + image + ": " + e);
            }
        }
    }

    private void mount() {
        run("mount", "-t", "ext4", device, mountPoint.toString());
        mounted = true;
    }

    private void unmount() {
        run("umount", mountPoint.toString());
        mounted = false;
    }

    private static CommandResult run(String... command) {
        return Commands.run(COMMAND_LIMIT, command).requireSuccess();
    }
}
