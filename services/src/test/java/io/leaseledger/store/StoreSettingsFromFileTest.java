package io.leaseledger.store;

import io.leaseledger.config.StoreConfiguration;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSettingsFromFileTest {
    private static final StoreSettings BASE = StoreSettings.h2(Path.of("/ignored"));

    @Test
    void theDefaultBlockIsTheH2FileUnderData() {
        StoreSettings settings = StoreSettingsFromFile.apply(StoreConfiguration.DEFAULT, BASE);

        assertThat(settings.jdbcUrl()).isEqualTo(StoreSettings.h2Url(Path.of("./data")));
        assertThat(settings.durability()).isEqualTo(Durability.COMMIT);
        assertThat(settings.mailbox()).isEqualTo(BASE.mailbox());
    }

    @Test
    void aPostgresBlockWithFsyncKeepsItsUrlAndUser() {
        StoreConfiguration file = new StoreConfiguration("postgresql", "./data",
                Optional.of("jdbc:postgresql://10.0.0.5/leases"), Optional.of("leaseledger"), Optional.of("pw"), "fsync");

        StoreSettings settings = StoreSettingsFromFile.apply(file, BASE);

        assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://10.0.0.5/leases");
        assertThat(settings.username()).isEqualTo("leaseledger");
        assertThat(settings.password()).isEqualTo("pw");
        assertThat(settings.durability()).isEqualTo(Durability.FSYNC);
    }
}
