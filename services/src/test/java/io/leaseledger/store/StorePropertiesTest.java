package io.leaseledger.store;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorePropertiesTest {
    @Test
    void withNoKeysTheEventsLiveInAnH2FileUnderData() {
        try (ApplicationContext context = ApplicationContext.run(Map.of("micronaut.server.enabled", false))) {
            StoreSettings settings = context.getBean(StoreProperties.class).toSettings();

            assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:").endsWith("/data/events;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            assertThat(settings.durability()).isEqualTo(Durability.COMMIT);
            assertThat(settings.mailbox()).isEqualTo(StoreSettings.Mailbox.DEFAULT);
            assertThat(settings.snapshots()).isEqualTo(StoreSettings.Snapshots.DEFAULT);
        }
    }

    @Test
    void everyKeyReachesTheSettings() {
        Map<String, Object> keys = Map.ofEntries(
                Map.entry("leaseledger.store.url", "jdbc:postgresql://127.0.0.1:5432/leases"),
                Map.entry("leaseledger.store.password", "secret"),
                Map.entry("leaseledger.store.pool-size", 8),
                Map.entry("leaseledger.store.durability", "fsync"),
                Map.entry("leaseledger.store.snapshots.enabled", false),
                Map.entry("leaseledger.store.snapshots.min-events", 50),
                Map.entry("leaseledger.store.snapshots.ratio", 3.5),
                Map.entry("leaseledger.store.snapshots.threads", 2),
                Map.entry("leaseledger.store.mailbox.batch-limit", 64),
                Map.entry("leaseledger.store.mailbox.capacity", 128),
                Map.entry("leaseledger.store.mailbox.workers", 3),
                Map.entry("leaseledger.store.mailbox.reclaim-interval", "2s"),
                Map.entry("leaseledger.store.mailbox.reclaim-batch", 10),
                Map.entry("leaseledger.store.mailbox.commit-delay", "5ms"),
                Map.entry("leaseledger.store.mailbox.max-wait", "3s"));
        try (ApplicationContext context = ApplicationContext.run(keys)) {
            StoreSettings settings = context.getBean(StoreProperties.class).toSettings();

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/leases");
            assertThat(settings.username()).isEqualTo("postgres");
            assertThat(settings.password()).isEqualTo("secret");
            assertThat(settings.poolSize()).isEqualTo(8);
            assertThat(settings.durability()).isEqualTo(Durability.FSYNC);
            assertThat(settings.snapshots()).isEqualTo(new StoreSettings.Snapshots(false, 50, 3.5, 2));
            assertThat(settings.mailbox()).isEqualTo(new StoreSettings.Mailbox(64, 128, 3, Duration.ofSeconds(2), 10,
                    Duration.ofMillis(5), Duration.ofSeconds(3)));
        }
    }
}
