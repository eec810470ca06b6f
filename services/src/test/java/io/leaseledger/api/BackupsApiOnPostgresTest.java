package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/backups} on a node whose event store is PostgreSQL: refused, naming PostgreSQL's own tools. */
class BackupsApiOnPostgresTest extends RunningApi {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }

    @Test
    void aPostgresqlStoreIsBackedUpWithItsOwnTools() throws Exception {
        ApiNode.Reply refused = api.send("POST", "/api/v1/backups", api.admin, null);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("unsupported");
        assertThat(refused.json().get("message").asText()).contains("PostgreSQL").contains("pg_dump");
        assertThat(api.get("/api/v1/backups", api.admin).json()).isEmpty();
    }
}
