package io.leaseledger.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.leaseledger.store.testing.Databases;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PostgreSQL configured with {@code synchronous_commit = off} (here through the connection's
 * startup options, as a role's or database's default would) acknowledges a commit before its WAL
 * record is written: the store's own sessions raise it to {@code local}, say so once, and leave
 * every stronger setting as the operator chose it.
 */
class SynchronousCommitOnPostgresTest {
    private final List<StoreSettings> created = new ArrayList<>();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger storeLog = (Logger) LoggerFactory.getLogger(AxonStore.class);

    @BeforeAll
    static void needsPostgres() {
        assumeTrue(Databases.postgresReachable(),
                "PostgreSQL is not reachable on 127.0.0.1:5432 (CI starts one with .ci/start-postgres)");
    }

    @BeforeEach
    void captureTheStoreLog() {
        lines.start();
        storeLog.addAppender(lines);
    }

    @AfterEach
    void dropSchemas() throws Exception {
        storeLog.detachAppender(lines);
        for (StoreSettings settings : created) {
            Databases.dropPostgresSchema(settings);
        }
    }

    @Test
    void offIsRaisedToLocalInEveryConnectionOfTheStoreAndTheOperatorIsTold() throws Exception {
        try (AxonStore store = AxonStore.start(withSessionDefault("off"), List.of(Subnet.class))) {
            assertThat(synchronousCommitOfEach(store, 4)).containsOnly("local");
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("synchronous_commit = off")
                        .contains("use synchronous_commit = local instead"));
    }

    @Test
    void strongerSettingsAreKeptAndNothingIsSaid() throws Exception {
        for (String setting : List.of("on", "remote_apply", "remote_write", "local")) {
            try (AxonStore store = AxonStore.start(withSessionDefault(setting), List.of(Subnet.class))) {
                assertThat(synchronousCommitOfEach(store, 2)).as(setting).containsOnly(setting);
            }
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneSatisfy(line -> assertThat(line).contains("synchronous_commit"));
    }

    private StoreSettings withSessionDefault(String synchronousCommit) throws SQLException {
        StoreSettings schema = Databases.postgres();
        created.add(schema);
        return new StoreSettings(schema.jdbcUrl() + "&options=-c%20synchronous_commit%3D" + synchronousCommit,
                schema.username(), schema.password(), 4, Durability.COMMIT,
                StoreSettings.Snapshots.DEFAULT, StoreSettings.Mailbox.DEFAULT);
    }

    /** The setting as {@code count} connections held at once by the store's pool see it. */
    private static List<String> synchronousCommitOfEach(AxonStore store, int count) throws SQLException {
        List<Connection> held = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Connection connection = store.dataSource().getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SHOW synchronous_commit")) {
                    row.next();
                    values.add(row.getString(1));
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        return values;
    }
}
