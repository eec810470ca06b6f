package io.leaseledger.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

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
    void anH2ServerOrAnInMemoryH2IsRefused() {
        // over TCP the read barrier and the full-disk guard cannot reach the file; in memory the leases die with the process
        for (String url : List.of("jdbc:h2:tcp://db:9092/events", "jdbc:h2:ssl://db/events", "jdbc:h2:mem:events")) {
            assertThatThrownBy(() -> withUrl(url)).as(url)
                    .hasMessageContaining("store.url").hasMessageContaining("jdbc:h2:file:").hasMessageContaining(url);
        }
        assertThat(withUrl("jdbc:h2:./data/events").jdbcUrl()).startsWith("jdbc:h2:./data/events;");
    }

    @Test
    void theEmbeddedDefaultLivesInTheDataDirectory() {
        assertThat(StoreSettings.h2(Path.of("/srv/data")).jdbcUrl())
                .isEqualTo("jdbc:h2:file:/srv/data/events;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }
}
