package io.leaseledger.config;


import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the event log lives. The {@code store:} block of the file; the defaults are the embedded
 * single-node shape (H2 files under {@code ./data}).
 *
 * @param kind       {@code h2} or {@code postgresql}
 * @param path       the H2 directory
 * @param url        the PostgreSQL JDBC URL
 * @param user       the PostgreSQL user
 * @param password   the PostgreSQL password
 * @param durability {@code commit} (group commit, the OS flushes) or {@code fsync} (forced to disk before every reply)
 * @param backupDirectory where {@code POST /api/v1/backups} writes backups of an H2 store
 * @param backupsKept     how many backups are kept there (the oldest beyond are deleted; 0: all)
 * @param backupEvery     how often the node backs the store up by itself; {@link Duration#ZERO}: never (on request only)
 */
public record StoreConfiguration(
        String kind, String path, Optional<String> url, Optional<String> user, Optional<String> password, String durability,
        String backupDirectory, int backupsKept, Duration backupEvery) {

    public static final int DEFAULT_BACKUPS_KEPT = 7;
    /** The shortest {@code backup-every}: each backup copies the whole store. */
    public static final Duration MIN_BACKUP_EVERY = Duration.ofMinutes(10);
    public static final StoreConfiguration DEFAULT = new StoreConfiguration("h2", "./data", Optional.empty(),
            Optional.empty(), Optional.empty(), "commit", defaultBackupDirectory("./data"), DEFAULT_BACKUPS_KEPT,
            Duration.ZERO);

    public StoreConfiguration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(backupDirectory, "backupDirectory");
        if (backupsKept < 0) {
            throw new IllegalArgumentException("backupsKept must be >= 0, got " + backupsKept);
        }
        Objects.requireNonNull(backupEvery, "backupEvery");
    }

    /** A store with these settings and the default backups ({@code backups/} under {@code path}, 7 kept). */
    public StoreConfiguration(String kind, String path, Optional<String> url, Optional<String> user,
                              Optional<String> password, String durability) {
        this(kind, path, url, user, password, durability, defaultBackupDirectory(path), DEFAULT_BACKUPS_KEPT, Duration.ZERO);
    }

    private static String defaultBackupDirectory(String path) {
        return path + "/backups";
    }

    /** Reads the {@code store:} block; every problem is reported through {@code node}. */
    static StoreConfiguration read(YamlNode node) {
        String kind = node.text("kind").orElse(DEFAULT.kind());
        if (!kind.equals("h2") && !kind.equals("postgresql")) {
            node.error("kind", "'" + kind + "' is not a store kind: use h2 or postgresql");
        }
        String path = node.text("path").orElse(DEFAULT.path());
        Optional<String> url = node.text("url");
        Optional<String> user = node.text("user");
        Optional<String> password = node.text("password");
        String durability = node.text("durability").orElse(DEFAULT.durability());
        if (!durability.equals("commit") && !durability.equals("fsync")) {
            node.error("durability", "'" + durability + "' is not a durability mode: use commit or fsync");
        }
        if (kind.equals("postgresql") && url.isEmpty()) {
            node.error("url", "is required when kind is postgresql");
        }
        url.filter(u -> kind.equals("postgresql") && !u.startsWith("jdbc:postgresql:"))
                .ifPresent(u -> node.error("url", "'" + u + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host/database)"));
        String backupDirectory = node.text("backup-directory").orElse(defaultBackupDirectory(path));
        int backupsKept = node.integer("backups-kept", 0, 10_000).map(Long::intValue).orElse(DEFAULT_BACKUPS_KEPT);
        Duration backupEvery = node.durationOrOff("backup-every").orElse(Duration.ZERO);
        if (!backupEvery.isZero() && backupEvery.compareTo(MIN_BACKUP_EVERY) < 0) {
            node.error("backup-every", backupEvery.toSeconds() + " s is too often: each backup copies the whole store;"
                    + " at least 10m, or false");
        }
        if (!backupEvery.isZero() && kind.equals("postgresql")) {
            node.error("backup-every", "backs up the embedded H2 store only: back PostgreSQL up with its own tools");
        }
        node.finish();
        return new StoreConfiguration(kind, path, url, user, password, durability, backupDirectory, backupsKept,
                backupEvery);
    }
}
