package io.leaseledger.store;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code leaseledger.store.*} keys (application.yml, system properties or environment),
 * turned into {@link StoreSettings} by {@link #toSettings()}. Every key has a default: with none
 * set, the events live in the H2 file {@code ./data/events.mv.db}. See docs/configuration.md,
 * section "Store".
 */
@ConfigurationProperties("leaseledger.store")
public class StoreProperties {
    private Path dataDir = Path.of("data");
    private String url;
    private String username;
    private String password = "";
    private int poolSize = 4;
    private Durability durability = Durability.COMMIT;
    private SnapshotsProperties snapshots = new SnapshotsProperties();
    private MailboxProperties mailbox = new MailboxProperties();

    public StoreSettings toSettings() {
        String jdbcUrl = url == null || url.isBlank() ? StoreSettings.h2Url(dataDir) : url;
        String user = username != null ? username : jdbcUrl.startsWith("jdbc:h2:") ? "sa" : "postgres";
        return new StoreSettings(jdbcUrl, user, password, poolSize, durability,
                new StoreSettings.Snapshots(snapshots.enabled, snapshots.minEvents, snapshots.ratio, snapshots.threads),
                new StoreSettings.Mailbox(mailbox.batchLimit, mailbox.capacity, mailbox.workers,
                        mailbox.reclaimInterval, mailbox.reclaimBatch, mailbox.commitDelay, mailbox.maxWait));
    }

    /** {@code leaseledger.store.snapshots.*} */
    @ConfigurationProperties("snapshots")
    public static class SnapshotsProperties {
        private boolean enabled = StoreSettings.Snapshots.DEFAULT.enabled();
        private int minEvents = StoreSettings.Snapshots.DEFAULT.minEvents();
        private double ratio = StoreSettings.Snapshots.DEFAULT.ratio();
        private int threads = StoreSettings.Snapshots.DEFAULT.threads();

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public int getMinEvents() { return minEvents; }
        public void setMinEvents(int minEvents) { this.minEvents = minEvents; }
        public double getRatio() { return ratio; }
        public void setRatio(double ratio) { this.ratio = ratio; }
        public int getThreads() { return threads; }
        public void setThreads(int threads) { this.threads = threads; }
    }

    /** {@code leaseledger.store.mailbox.*} */
    @ConfigurationProperties("mailbox")
    public static class MailboxProperties {
        private int batchLimit = StoreSettings.Mailbox.DEFAULT.batchLimit();
        private int capacity = StoreSettings.Mailbox.DEFAULT.capacity();
        private int workers = StoreSettings.Mailbox.DEFAULT.workers();
        private Duration reclaimInterval = StoreSettings.Mailbox.DEFAULT.reclaimInterval();
        private int reclaimBatch = StoreSettings.Mailbox.DEFAULT.reclaimBatch();
        private Duration commitDelay = StoreSettings.Mailbox.DEFAULT.commitDelay();
        private Duration maxWait = StoreSettings.Mailbox.DEFAULT.maxWait();

        public int getBatchLimit() { return batchLimit; }
        public void setBatchLimit(int batchLimit) { this.batchLimit = batchLimit; }
        public int getCapacity() { return capacity; }
        public void setCapacity(int capacity) { this.capacity = capacity; }
        public int getWorkers() { return workers; }
        public void setWorkers(int workers) { this.workers = workers; }
        public Duration getReclaimInterval() { return reclaimInterval; }
        public void setReclaimInterval(Duration reclaimInterval) { this.reclaimInterval = reclaimInterval; }
        public int getReclaimBatch() { return reclaimBatch; }
        public void setReclaimBatch(int reclaimBatch) { this.reclaimBatch = reclaimBatch; }
        public Duration getCommitDelay() { return commitDelay; }
        public void setCommitDelay(Duration commitDelay) { this.commitDelay = commitDelay; }
        public Duration getMaxWait() { return maxWait; }
        public void setMaxWait(Duration maxWait) { this.maxWait = maxWait; }
    }

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public int getPoolSize() { return poolSize; }
    public void setPoolSize(int poolSize) { this.poolSize = poolSize; }
    public Durability getDurability() { return durability; }
    public void setDurability(Durability durability) { this.durability = durability; }
    public SnapshotsProperties getSnapshots() { return snapshots; }
    public void setSnapshots(SnapshotsProperties snapshots) { this.snapshots = snapshots; }
    public MailboxProperties getMailbox() { return mailbox; }
    public void setMailbox(MailboxProperties mailbox) { this.mailbox = mailbox; }
}
