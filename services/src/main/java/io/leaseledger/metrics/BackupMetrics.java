package io.leaseledger.metrics;

import io.leaseledger.store.StoreBackups;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The event store's backups in Prometheus form (taken on request or by {@code store.backup-every}):
 * {@code leaseledger_backups_total{outcome}}, and the time and size of the latest taken. Alert on
 * {@code time() - leaseledger_backup_last_taken_timestamp_seconds} growing past the schedule: 0
 * until the first backup since start, so alert on it only where backups are expected.
 */
public final class BackupMetrics {
    private BackupMetrics() {}

    public static void bind(StoreBackups backups, MeterRegistry registry) {
        FunctionCounter.builder("leaseledger.backups", backups, b -> b.record().taken()).tag("outcome", "taken")
                .description("Backups of the event store written whole since start").register(registry);
        FunctionCounter.builder("leaseledger.backups", backups, b -> b.record().failed()).tag("outcome", "failed")
                .description("Backups of the event store that failed since start (no file left)").register(registry);
        Gauge.builder("leaseledger.backup.last.taken.timestamp", backups,
                        b -> b.record().lastTaken() == null ? 0 : b.record().lastTaken().toEpochMilli() / 1000.0)
                .baseUnit("seconds") // Prometheus: ..._timestamp_seconds
                .description("When the latest backup since start was taken (0: none yet)").register(registry);
        Gauge.builder("leaseledger.backup.last.bytes", backups, b -> b.record().lastBytes())
                .description("The size of the latest backup since start").register(registry);
    }
}
