package io.leaseledger.store;

import io.leaseledger.config.StoreConfiguration;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code store:} block of the YAML configuration file on top of the Micronaut
 * {@code leaseledger.store.*} settings: the file says where the events live and how durable a
 * commit is; batching and snapshot tuning stay Micronaut keys.
 */
public final class StoreSettingsFromFile {
    private StoreSettingsFromFile() {}

    public static StoreSettings apply(StoreConfiguration file, StoreSettings base) {
        Durability durability = Durability.valueOf(file.durability().toUpperCase(Locale.ROOT));
        if (file.kind().equals("postgresql")) {
            String url = file.url().orElseThrow(() -> new IllegalArgumentException("store.url: is required when kind is postgresql"));
            return new StoreSettings(url, file.user().orElse("postgres"), file.password().orElse(""),
                    base.poolSize(), durability, base.snapshots(), base.mailbox());
        }
        return new StoreSettings(StoreSettings.h2Url(Path.of(file.path())), "sa", "", base.poolSize(), durability,
                base.snapshots(), base.mailbox());
    }
}
