package io.leaseledger.region;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.projections.ProjectionDatabase;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.Projections;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.store.FailedH2StoreGuard;
import io.leaseledger.streaming.RegionConsumer;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.List;

/**
 * A region: no DHCP, no event store of its own. It consumes the racks' events from Kafka into
 * the projections (PostgreSQL in a deployment), position and rows in one transaction
 * ({@link RegionConsumer}).
 */
public final class RegionNode implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final List<ProjectionRunner> runners;
    private final RegionConsumer consumer;

    private RegionNode(HikariDataSource dataSource, DSLContext dsl, List<ProjectionRunner> runners, RegionConsumer consumer) {
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.runners = runners;
        this.consumer = consumer;
    }

    /** Opens (and migrates) the projections database and starts consuming. */
    public static RegionNode start(ProjectionsConfiguration projections, KafkaConfiguration kafka, String nodeName,
                                   Clock clock) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("leaseledger-region-projections");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        HikariDataSource dataSource = FailedH2StoreGuard.pool(hikari, ProjectionDatabase.normalisedUrl(projections.jdbcUrl()),
                projections.username(), projections.password().orElse(""));
        try {
            ProjectionDatabase.migrate(dataSource);
            DSLContext dsl = ProjectionDatabase.dsl(dataSource, ProjectionDatabase.dialect(projections.jdbcUrl()));
            List<ProjectionRunner> runners = Projections.all().stream().map(p -> new ProjectionRunner(p, dsl, clock)).toList();
            RegionConsumer consumer = new RegionConsumer(kafka, nodeName, runners, dsl).start();
            return new RegionNode(dataSource, dsl, runners, consumer);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    public RegionConsumer consumer() {
        return consumer;
    }

    public List<ProjectionRunner> runners() {
        return runners;
    }

    public DSLContext dsl() {
        return dsl;
    }

    public LeaseQueries queries() {
        return new LeaseQueries(dsl);
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } finally {
            dataSource.close();
        }
    }
}
