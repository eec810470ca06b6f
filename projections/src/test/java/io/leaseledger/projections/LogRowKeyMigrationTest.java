package io.leaseledger.projections;

import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.projections.query.LogEntry;
import io.leaseledger.projections.query.LogFilter;
import io.leaseledger.projections.query.PageRequest;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG;
import static io.leaseledger.projections.tables.Tables.TRANSACTION_LOG_KEY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * V2 (the transaction log keyed by a row number) and V3 (its time and MAC in the narrow
 * {@code transaction_log_key}) on a database that V1 filled: the rows are kept, numbered in the
 * log's own order, each with its key row; the queries read them as before, and the projection
 * carries on numbering after them, key rows included. On H2 and on PostgreSQL (skipped when
 * none listens on 5432).
 */
class LogRowKeyMigrationTest {
    @TempDir
    Path dir;

    @Test
    void onH2() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(ProjectionDatabase.h2Url(dir) + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        migrateAFilledV1(ds, "jdbc:h2:");
    }

    @Test
    void onPostgres() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        String name = "leaseledger_mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_ADMIN, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL("jdbc:postgresql://127.0.0.1:5432/" + name);
            ds.setUser("postgres");
            migrateAFilledV1(ds, "jdbc:postgresql:");
        } finally {
            try (Connection c = DriverManager.getConnection(TestDatabase.POSTGRES_ADMIN, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }

    private static void migrateAFilledV1(DataSource ds, String urlPrefix) throws Exception {
        flyway(ds).target("1").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // Two subnets; the log's order (time, then subnet and sequence) is not the key's order.
            s.execute(v1Row("198.18.3.0/24", 5, "2026-11-24 14:00:03+00", "GRANT", "02:00:00:00:00:0a"));
            s.execute(v1Row("198.18.3.0/24", 4, "2026-11-24 14:00:01+00", "OFFER", "02:00:00:00:00:0a"));
            s.execute(v1Row("198.18.4.0/24", 1, "2026-11-24 14:00:02+00", "OFFER", "02:00:00:00:00:0b"));
            s.execute("INSERT INTO projection_position VALUES ('log', 'test', '9', 3, TIMESTAMP WITH TIME ZONE '2026-11-24 14:00:03+00')");
            s.execute("INSERT INTO projection_subnet_position VALUES ('log', '198.18.3.0/24', 5)");
            s.execute("INSERT INTO projection_subnet_position VALUES ('log', '198.18.4.0/24', 1)");
        }
        assertThat(ProjectionDatabase.migrate(ds)).isPositive();

        DSLContext db = ProjectionDatabase.dsl(ds, ProjectionDatabase.dialect(urlPrefix));
        assertThat(db.select(TRANSACTION_LOG.ID, TRANSACTION_LOG.SUBNET, TRANSACTION_LOG.SEQ).from(TRANSACTION_LOG)
                .orderBy(TRANSACTION_LOG.ID).fetch().map(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly("1 198.18.3.0/24 4", "2 198.18.4.0/24 1", "3 198.18.3.0/24 5");
        assertThat(keyRows(db)).containsExactly(
                "1 2026-11-24T14:00:01Z 02:00:00:00:00:0a",
                "2 2026-11-24T14:00:02Z 02:00:00:00:00:0b",
                "3 2026-11-24T14:00:03Z 02:00:00:00:00:0a");
        List<LogEntry> log = new LeaseQueries(db).transactionLog(LogFilter.any(), PageRequest.first(10)).items();
        assertThat(log).extracting(LogEntry::sequence).containsExactly(5L, 1L, 4L);
        assertThat(new LeaseQueries(db).transactionLog(LogFilter.any().withMac("02:00:00:00:00:0b"), PageRequest.first(10))
                .items()).extracting(LogEntry::subnet).containsExactly("198.18.4.0/24");

        // The projection keeps its position and numbers on after the migrated rows.
        ProjectionRunner runner = new ProjectionRunner(new TransactionLogProjection(), db,
                Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC));
        assertThat(runner.position()).contains(new SourcePosition("test", "9"));
        List<StoredEvent> more = new EventLog()
                .define("198.18.3.0/24", Instant.parse("2026-11-24T13:00:00Z"))
                .offer("198.18.3.0/24", "198.18.3.9", EventLog.client("02:00:00:00:00:0c", "carl"), Instant.parse("2026-11-24T14:00:04Z"))
                .offer("198.18.3.0/24", "198.18.3.10", EventLog.client("02:00:00:00:00:0d", "dora"), Instant.parse("2026-11-24T14:00:05Z"))
                .events();
        // Numbered 5..7 in that subnet: 5 (the definition) is its last already and is passed over.
        List<StoredEvent> after = more.stream()
                .map(e -> new StoredEvent(e.eventId(), e.subnet(), e.sequenceNumber() + 5, e.timestamp(), e.payload()))
                .toList();
        assertThat(runner.apply(after, new SourcePosition("test", "12"))).isEqualTo(2);
        assertThat(db.select(TRANSACTION_LOG.ID, TRANSACTION_LOG.SEQ).from(TRANSACTION_LOG).where(TRANSACTION_LOG.ID.gt(3L))
                .orderBy(TRANSACTION_LOG.ID).fetch().map(r -> r.value1() + " " + r.value2()))
                .containsExactly("4 6", "5 7");
        assertThat(keyRows(db)).hasSize(5).endsWith(
                "4 2026-11-24T14:00:04Z 02:00:00:00:00:0c",
                "5 2026-11-24T14:00:05Z 02:00:00:00:00:0d");
        assertThat(new LeaseQueries(db).transactionLog(LogFilter.any().withMac("02:00:00:00:00:0d"), PageRequest.first(10))
                .items()).extracting(LogEntry::sequence).containsExactly(7L);
    }

    /** {@code transaction_log_key} as "id time mac", by id. */
    private static List<String> keyRows(DSLContext db) {
        return db.select(TRANSACTION_LOG_KEY.ID, TRANSACTION_LOG_KEY.DECIDED_AT, TRANSACTION_LOG_KEY.MAC)
                .from(TRANSACTION_LOG_KEY).orderBy(TRANSACTION_LOG_KEY.ID).fetch()
                .map(r -> r.value1() + " " + Times.instant(r.value2()) + " " + r.value3());
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations(ProjectionDatabase.MIGRATIONS).table("projection_schema_history");
    }

    private static String v1Row(String subnet, long seq, String at, String decision, String mac) {
        return "INSERT INTO transaction_log (subnet, seq, decided_at, decision, mac, transaction_id) VALUES ('"
                + subnet + "', " + seq + ", TIMESTAMP WITH TIME ZONE '" + at + "', '" + decision + "', '" + mac + "', '0x00000001')";
    }
}
