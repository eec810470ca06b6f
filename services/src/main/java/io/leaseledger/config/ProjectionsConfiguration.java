package io.leaseledger.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the read models live and how the node keeps them up to date: the {@code projections:}
 * block of the file (docs/configuration.md). Without the block, projections are on, in an H2
 * file {@code projections} beside the event store.
 *
 * @param enabled      false: this node keeps no projections (a rack that only serves DHCP)
 * @param kind         {@code h2} or {@code postgresql}
 * @param path         the H2 directory (the store's {@code path} by default)
 * @param url          the PostgreSQL JDBC URL
 * @param user         the PostgreSQL user ({@code postgres} by default)
 * @param password     the PostgreSQL password
 * @param batchSize    most events applied in one projection transaction
 * @param pollInterval how long the live runner waits for new events before it looks again
 */
public record ProjectionsConfiguration(boolean enabled, String kind, Path path, Optional<String> url,
                                       Optional<String> user, Optional<String> password, int batchSize,
                                       Duration pollInterval) {

    public static final int DEFAULT_BATCH_SIZE = 2_000;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

    public ProjectionsConfiguration {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** No {@code projections:} block: H2 beside the store. */
    public static ProjectionsConfiguration defaults(StoreConfiguration store) {
        return new ProjectionsConfiguration(true, "h2", Path.of(store.path()), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_BATCH_SIZE, DEFAULT_POLL_INTERVAL);
    }

    /** Reads the {@code projections:} block; every problem is reported through {@code node}. */
    static ProjectionsConfiguration read(YamlNode node, StoreConfiguration store) {
        boolean enabled = node.bool("enabled").orElse(true);
        String kind = node.text("kind").orElse("h2");
        if (!kind.equals("h2") && !kind.equals("postgresql")) {
            node.error("kind", "'" + kind + "' is not a projections database kind: use h2 or postgresql");
        }
        Path path = node.text("path").map(Path::of).orElse(Path.of(store.path()));
        Optional<String> url = node.text("url");
        Optional<String> user = node.text("user");
        Optional<String> password = node.text("password");
        if (kind.equals("postgresql") && url.isEmpty()) {
            node.error("url", "is required when kind is postgresql");
        }
        url.filter(u -> kind.equals("postgresql") && !u.startsWith("jdbc:postgresql:"))
                .ifPresent(u -> node.error("url", "'" + u + "' is not a PostgreSQL JDBC URL (jdbc:postgresql://host/database)"));
        int batchSize = node.integer("batch-size", 1, 100_000).map(Long::intValue).orElse(DEFAULT_BATCH_SIZE);
        Duration poll = node.integer("poll-interval-ms", 10, 60_000).map(Duration::ofMillis).orElse(DEFAULT_POLL_INTERVAL);
        node.finish();
        return new ProjectionsConfiguration(enabled, kind, path, url, user, password, batchSize, poll);
    }

    /** The JDBC URL of the projections database. */
    public String jdbcUrl() {
        return kind.equals("postgresql") ? url.orElseThrow()
                : "jdbc:h2:file:" + path.toAbsolutePath().resolve("projections") + ";DATABASE_TO_LOWER=TRUE";
    }

    public String username() {
        return kind.equals("postgresql") ? user.orElse("postgres") : "sa";
    }
}
