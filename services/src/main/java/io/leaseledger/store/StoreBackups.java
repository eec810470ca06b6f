package io.leaseledger.store;

import org.h2.tools.Restore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.FileChannel;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Online backups of the embedded H2 event store: one zip per backup in a directory of their own,
 * taken while the node serves, the oldest beyond a count deleted. H2's {@code BACKUP TO} copies the
 * store's file without stopping writers and is transactionally consistent: a backup holds every
 * event committed before it began, and none half. The zip is written under a temporary name and
 * renamed once complete, so a file named {@code events-*.zip} is always a whole backup. A
 * PostgreSQL store is backed up with PostgreSQL's own tools ({@code pg_dump}, {@code pg_basebackup}).
 */
public final class StoreBackups implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreBackups.class);
    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Pattern BACKUP_NAME = Pattern.compile("events-\\d{8}T\\d{6}\\.\\d{3}Z\\.zip");

    /** One backup on disk. */
    public record Backup(Path file, long bytes, Instant taken) {}

    /** The store cannot be backed up this way (not embedded H2), or the backup failed; the message says why. */
    public static final class BackupFailed extends Exception {
        private final boolean unsupported;

        BackupFailed(String message, boolean unsupported, Throwable cause) {
            super(message, cause);
            this.unsupported = unsupported;
        }

        /** True when the store is not one this backs up (PostgreSQL, an H2 server), false when a backup failed. */
        public boolean unsupported() {
            return unsupported;
        }
    }

    /** What the backups since start came to, for the metrics. */
    public record Record(long taken, long failed, Instant lastTaken, long lastBytes) {
        static final Record NONE = new Record(0, 0, null, 0);
    }

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final Object oneAtATime = new Object();
    private volatile Record record = Record.NONE;
    private ScheduledExecutorService schedule;
    private final Path directory;
    private final int kept;
    private final Clock clock;

    /**
     * @param jdbcUrl   the store's URL: only an embedded H2 file ({@code jdbc:h2:file:}) is backed up here
     * @param directory where backups are written (created when needed)
     * @param kept      backups kept (the oldest beyond are deleted after each new one); 0 keeps all
     */
    public StoreBackups(DataSource dataSource, String jdbcUrl, Path directory, int kept, Clock clock) {
        if (kept < 0) {
            throw new IllegalArgumentException("kept must be >= 0, got " + kept);
        }
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.directory = directory.toAbsolutePath().normalize();
        this.kept = kept;
        this.clock = clock;
    }

    public Path directory() {
        return directory;
    }

    /** Backups taken and failed since start, and the latest taken. */
    public Record record() {
        return record;
    }

    /**
     * Takes a backup every {@code interval} from now on (the first one {@code interval} from now),
     * on a daemon thread of its own, until {@link #close}; each logged, a failure at WARN. Only an
     * embedded H2 store is backed up: for another, nothing is scheduled (logged once).
     */
    public synchronized void every(Duration interval) {
        if (!backsUp()) {
            LOG.warn("store.backup-every is set but the event store is not embedded H2: back it up with its own tools");
            return;
        }
        if (schedule != null) {
            throw new IllegalStateException("backups are scheduled already");
        }
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("leaseledger-backups").daemon()
                .factory());
        schedule.scheduleAtFixedRate(() -> {
            try {
                Backup backup = take();
                LOG.info("backup: {} ({} bytes)", backup.file(), backup.bytes());
            } catch (BackupFailed e) {
                LOG.warn("backup failed: {}", e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("a backup of the event store every {} into {}, the newest {} kept", interval, directory,
                kept == 0 ? "all" : kept);
    }

    /** Stops the schedule ({@link #every}); a backup under way finishes first. */
    @Override
    public synchronized void close() {
        if (schedule != null) {
            schedule.shutdown();
            schedule = null;
        }
    }

    private boolean backsUp() {
        return StoreSettings.h2File(jdbcUrl).isPresent();
    }

    /** Takes a backup now (one at a time), then deletes the oldest beyond {@code kept}. */
    public Backup take() throws BackupFailed {
        synchronized (oneAtATime) { // not the monitor close() takes: a stop does not wait for a backup
            Backup backup;
            try {
                backup = write();
            } catch (BackupFailed e) {
                if (!e.unsupported()) {
                    Record r = record;
                    record = new Record(r.taken(), r.failed() + 1, r.lastTaken(), r.lastBytes());
                }
                throw e;
            }
            Record r = record;
            record = new Record(r.taken() + 1, r.failed(), backup.taken(), backup.bytes());
            return backup;
        }
    }

    private Backup write() throws BackupFailed {
        if (!backsUp()) {
            throw new BackupFailed("the event store is " + (jdbcUrl.startsWith("jdbc:postgresql:") ? "PostgreSQL" : jdbcUrl)
                    + ": back it up with its own tools (pg_dump, pg_basebackup; docs/operations.md, \"Backups\")", true, null);
        }
        Instant taken = clock.instant().truncatedTo(ChronoUnit.MILLIS); // as the file's name says it
        Path file = directory.resolve("events-" + NAME_TIME.format(taken) + ".zip");
        Path partial = directory.resolve(file.getFileName() + ".partial");
        try {
            Files.createDirectories(directory);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'");
            }
            // On disk before it gets its final name: a power cut leaves a .partial, never a short events-*.zip.
            try (FileChannel written = FileChannel.open(partial, StandardOpenOption.READ)) {
                written.force(true);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            Backup backup = new Backup(file, Files.size(file), taken);
            prune();
            return backup;
        } catch (SQLException | IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the .partial name says what it is
            }
            throw new BackupFailed("the backup to " + file + " failed: " + e.getMessage(), false, e);
        }
    }

    /** The backups in the directory, newest first. */
    public List<Backup> list() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> BACKUP_NAME.matcher(f.getFileName().toString()).matches())
                    .map(StoreBackups::backup)
                    .sorted(Comparator.comparing(Backup::file).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private void prune() throws IOException {
        if (kept == 0) {
            return;
        }
        List<Backup> all = list();
        for (Backup old : all.subList(Math.min(kept, all.size()), all.size())) {
            Files.deleteIfExists(old.file());
        }
    }

    /** A backup file, dated by its name (when it was taken, not when the file was last touched). */
    private static Backup backup(Path file) {
        String name = file.getFileName().toString();
        Instant taken = Instant.from(NAME_TIME.parse(name.substring("events-".length(), name.length() - ".zip".length())));
        try {
            return new Backup(file, Files.size(file), taken);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the store a backup holds into {@code storeDirectory} (its {@code events.mv.db});
     * the directory must hold no store. For {@code leaseledger restore}, with no node running.
     */
    public static void restore(Path zip, Path storeDirectory) throws IOException {
        Path store = StoreSettings.h2File(storeDirectory);
        if (Files.exists(store)) {
            throw new IOException(store + " exists: a restore writes no store over another");
        }
        Files.createDirectories(storeDirectory);
        try {
            Restore.execute(zip.toString(), storeDirectory.toString(), StoreSettings.H2_DATABASE);
        } catch (RuntimeException e) {
            throw new IOException("cannot restore " + zip + ": " + e.getMessage(), e);
        }
        if (!Files.exists(store)) {
            throw new IOException(zip + " holds no event store (no " + store.getFileName() + ")");
        }
    }
}
