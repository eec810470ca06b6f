package io.leaseledger.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreSettingsTest {
    private static StoreSettings withUrl(String url) {
        return new StoreSettings(url, "sa", "", 4, Durability.COMMIT, StoreSettings.Snapshots.DEFAULT,
                StoreSettings.Mailbox.DEFAULT);
    }

    @Test
    void anH2UrlWithoutWriteDelayGetsWriteDelayZeroAndNoCloseOnExit() {
        assertThat(withUrl("jdbc:h2:file:/var/lib/leaseledger/events").jdbcUrl())
                .isEqualTo("jdbc:h2:file:/var/lib/leaseledger/events;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void anExplicitCloseOnExitIsLeftAsConfigured() {
        assertThat(withUrl("jdbc:h2:file:/x;db_close_on_exit=TRUE").jdbcUrl())
                .isEqualTo("jdbc:h2:file:/x;db_close_on_exit=TRUE;WRITE_DELAY=0");
    }

    @Test
    void anH2UrlWithANonZeroWriteDelayIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> withUrl("jdbc:h2:file:/x;WRITE_DELAY=500;CACHE_SIZE=100"))
                .hasMessageContaining("store.url").hasMessageContaining("WRITE_DELAY=500");
    }

    @Test
    void thePostgresUrlIsKeptAsGiven() {
        assertThat(withUrl("jdbc:postgresql://db/leases").jdbcUrl()).isEqualTo("jdbc:postgresql://db/leases");
    }

    @Test
    void otherDatabasesAreRefused() {
        assertThatThrownBy(() -> withUrl("jdbc:mysql://db/leases")).hasMessageContaining("store.url");
    }

    @Test
    void theEmbeddedDefaultLivesInTheDataDirectory() {
        assertThat(StoreSettings.h2(Path.of("/srv/data")).jdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/data/events;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }
}
