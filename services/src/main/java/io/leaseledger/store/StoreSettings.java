package io.leaseledger.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the event store needs to start: where the events live, how hard a commit is
 * pushed to disk before a reply may leave, when snapshots are taken, and how the per-subnet
 * mailboxes batch packets. Plain data, so the YAML configuration can fill it as well as
 * Micronaut's {@code leaseledger.store.*} properties ({@link StoreProperties}).
 *
 * @param jdbcUrl        {@code jdbc:h2:file:...} (the embedded default) or {@code jdbc:postgresql://...}
 * @param username       database user (H2: {@code sa})
 * @param password       database password (may be empty)
 * @param poolSize       maximum connections of the HikariCP pool
 * @param durability     what "committed" means before a reply leaves
 * @param snapshots      when the state of an aggregate is snapshotted
 * @param mailbox        group-commit batching limits
 */
public record StoreSettings(
        String jdbcUrl,
        String username,
        String password,
        int poolSize,
        Durability durability,
        Snapshots snapshots,
        Mailbox mailbox) {

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(snapshots, "snapshots");
        Objects.requireNonNull(mailbox, "mailbox");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "store.url: only jdbc:h2: and jdbc:postgresql: are supported, got " + jdbcUrl);
        }
        if (NOT_EMBEDDED_H2.stream().anyMatch(jdbcUrl::startsWith)) {
            // Over TCP the store's file is written by another process: the read barrier and the
            // full-disk guard (docs/architecture.md, "A full disk") cannot reach it. In memory,
            // every lease is gone at the next start.
            throw new IllegalArgumentException("store.url: H2 serves the event store embedded, from its file "
                    + "(jdbc:h2:file:PATH), or use PostgreSQL; got " + jdbcUrl);
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            jdbcUrl = withoutCloseOnExit(withoutWriteDelay(jdbcUrl));
        }
        if (poolSize < 2) {
            // One connection for the packet path, one for snapshots and readers at the least.
            throw new IllegalArgumentException("store.pool-size: must be at least 2, got " + poolSize);
        }
    }

    /** The embedded default: an H2 file database {@code events} in {@code dataDirectory}. */
    public static StoreSettings h2(Path dataDirectory) {
        return new StoreSettings(h2Url(dataDirectory), "sa", "", 4, Durability.COMMIT,
                Snapshots.DEFAULT, Mailbox.DEFAULT);
    }

    /**
     * The H2 URL for the event store in {@code dataDirectory}. {@code WRITE_DELAY=0} makes
     * every commit write its MVStore chunk to the file before the commit returns (H2's
     * default, 500 ms, would let a {@code kill -9} lose acknowledged leases);
     * {@code DB_CLOSE_ON_EXIT=FALSE}, see {@link #withoutCloseOnExit}. Projections use their own
     * database file, so this URL needs no {@code DATABASE_TO_LOWER}.
     */
    public static String h2Url(Path dataDirectory) {
        return H2_FILE_PREFIX + dataDirectory.toAbsolutePath().resolve(H2_DATABASE) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The database name of the embedded store in its directory: its file is {@code events.mv.db}. */
    public static final String H2_DATABASE = "events";
    private static final String H2_FILE_PREFIX = "jdbc:h2:file:";
    private static final List<String> NOT_EMBEDDED_H2 = List.of("jdbc:h2:tcp:", "jdbc:h2:ssl:", "jdbc:h2:mem:");

    /** The file the embedded store in {@code dataDirectory} keeps its events in. */
    public static Path h2File(Path dataDirectory) {
        return dataDirectory.toAbsolutePath().normalize().resolve(H2_DATABASE + ".mv.db");
    }

    /** The file of the embedded H2 store this URL names ({@code jdbc:h2:file:PATH;...} keeps {@code PATH.mv.db}); empty for any other. */
    public static Optional<Path> h2File(String jdbcUrl) {
        if (!jdbcUrl.startsWith(H2_FILE_PREFIX)) {
            return Optional.empty();
        }
        int end = jdbcUrl.indexOf(';');
        return Optional.of(Path.of(jdbcUrl.substring(H2_FILE_PREFIX.length(), end < 0 ? jdbcUrl.length() : end) + ".mv.db")
                .toAbsolutePath().normalize());
    }

    /**
     * H2 closes its databases from a JVM shutdown hook of its own unless told not to. On SIGTERM
     * that hook ran beside the node's: the store closed while the transport was still deciding
     * the packets it had read, and those batches failed ("cannot start a transaction"; 2,754
     * requests left unanswered when a loaded server was stopped). The node closes the store
     * itself, after the mailboxes are done. An explicit {@code DB_CLOSE_ON_EXIT} in a configured
     * URL is left as it is.
     */
    static String withoutCloseOnExit(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";DB_CLOSE_ON_EXIT=") ? url : url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * H2 keeps committed transactions in memory for {@code WRITE_DELAY} ms (500 by default)
     * before writing them to the file: a {@code kill -9} in that window loses transactions
     * whose replies have left ({@code KillNineDurabilityTest} shows it). The store needs 0.
     */
    private static String withoutWriteDelay(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        int at = upper.indexOf(";WRITE_DELAY=");
        if (at < 0) {
            return url + ";WRITE_DELAY=0";
        }
        int end = upper.indexOf(';', at + 1);
        String value = url.substring(at + ";WRITE_DELAY=".length(), end < 0 ? url.length() : end);
        if (!value.equals("0")) {
            throw new IllegalArgumentException("store.url: WRITE_DELAY must be 0 (H2 would acknowledge commits it "
                    + "has not written yet), got WRITE_DELAY=" + value);
        }
        return url;
    }

    public StoreSettings withDurability(Durability newDurability) {
        return new StoreSettings(jdbcUrl, username, password, poolSize, newDurability, snapshots, mailbox);
    }

    public StoreSettings withSnapshots(Snapshots newSnapshots) {
        return new StoreSettings(jdbcUrl, username, password, poolSize, durability, newSnapshots, mailbox);
    }

    public StoreSettings withMailbox(Mailbox newMailbox) {
        return new StoreSettings(jdbcUrl, username, password, poolSize, durability, snapshots, newMailbox);
    }

    public StoreDialect dialect() {
        return StoreDialect.of(jdbcUrl);
    }

    /**
     * Snapshot policy: snapshot an aggregate once the events applied since its last snapshot
     * reach {@code max(minEvents, ratio × size of that snapshot)}, where the size is what the
     * aggregate reports through {@link SnapshotSized} (leases held). Replaying stays bounded by
     * {@code ratio} times the state, and the cost of writing a snapshot is spread over at least
     * as many events as the state is large.
     *
     * @param enabled   false turns snapshots off (tests, tiny deployments)
     * @param minEvents threshold for small or new aggregates
     * @param ratio     events per unit of state before the next snapshot
     * @param threads   threads that take snapshots, off the packet path
     */
    public record Snapshots(boolean enabled, int minEvents, double ratio, int threads) {
        public static final Snapshots DEFAULT = new Snapshots(true, 1_000, 2.0, 1);
        public static final Snapshots DISABLED = new Snapshots(false, 1_000, 2.0, 1);

        public Snapshots {
            if (minEvents < 1) {
                throw new IllegalArgumentException("store.snapshots.min-events: must be >= 1, got " + minEvents);
            }
            if (!(ratio > 0)) {
                throw new IllegalArgumentException("store.snapshots.ratio: must be > 0, got " + ratio);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("store.snapshots.threads: must be >= 1, got " + threads);
            }
        }
    }

    /**
     * Group-commit limits.
     *
     * @param batchLimit      most packets decided by one command (one transaction)
     * @param capacity        most packets waiting per subnet; beyond it packets are dropped and counted
     * @param workers         threads that run commands; subnets commit in parallel up to this many
     * @param reclaimInterval how often each subnet's expired leases are reclaimed
     * @param reclaimBatch    most leases reclaimed by one reclaim command
     * @param commitDelay     how long a packet on a busy subnet may wait for companions before its
     *                        batch is committed (zero: never); see {@code SubnetMailbox}
     * @param maxWait         a packet that waited longer than this in the mailbox is dropped
     *                        undecided and counted (zero: never)
     */
    public record Mailbox(int batchLimit, int capacity, int workers, Duration reclaimInterval, int reclaimBatch,
                          Duration commitDelay, Duration maxWait) {
        public static final Duration DEFAULT_COMMIT_DELAY = Duration.ofMillis(2);
        public static final Duration MAX_COMMIT_DELAY = Duration.ofMillis(100);
        /** perfdhcp gives up after 1 s, a client retransmits after 4 s (RFC 2131 §4.1). */
        public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
        /**
         * 64 per batch: a commit's fixed cost is already spread thin (26 µs per decision in process
         * against about 22 at 512), and a batch's replies leave together — 512 of them at once
         * overflowed perfdhcp's socket; 4,096 waiting: half a second at 8,000 packets/s, room for a
         * stall; max-wait bounds how old a waiting packet may get.
         */
        public static final Mailbox DEFAULT = new Mailbox(64, 4_096, 2, Duration.ofSeconds(5), 256,
                DEFAULT_COMMIT_DELAY, DEFAULT_MAX_WAIT);

        public Mailbox(int batchLimit, int capacity, int workers, Duration reclaimInterval, int reclaimBatch) {
            this(batchLimit, capacity, workers, reclaimInterval, reclaimBatch, DEFAULT_COMMIT_DELAY, DEFAULT_MAX_WAIT);
        }

        public Mailbox {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative()) {
                throw new IllegalArgumentException("store.mailbox.max-wait: must not be negative, got " + maxWait);
            }
            Objects.requireNonNull(commitDelay, "commitDelay");
            if (commitDelay.isNegative() || commitDelay.compareTo(MAX_COMMIT_DELAY) > 0) {
                throw new IllegalArgumentException("store.mailbox.commit-delay: must be from 0 to "
                        + MAX_COMMIT_DELAY.toMillis() + "ms, got " + commitDelay.toMillis() + "ms");
            }
            if (batchLimit < 1) {
                throw new IllegalArgumentException("store.mailbox.batch-limit: must be >= 1, got " + batchLimit);
            }
            if (capacity < batchLimit) {
                throw new IllegalArgumentException(
                        "store.mailbox.capacity: must be >= batch-limit (" + batchLimit + "), got " + capacity);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("store.mailbox.workers: must be >= 1, got " + workers);
            }
            Objects.requireNonNull(reclaimInterval, "reclaimInterval");
            if (reclaimInterval.isNegative() || reclaimInterval.isZero()) {
                throw new IllegalArgumentException(
                        "store.mailbox.reclaim-interval: must be positive, got " + reclaimInterval);
            }
            if (reclaimBatch < 1) {
                throw new IllegalArgumentException("store.mailbox.reclaim-batch: must be >= 1, got " + reclaimBatch);
            }
        }
    }
}
