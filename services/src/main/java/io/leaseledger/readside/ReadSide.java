package io.leaseledger.readside;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.projections.ProjectionDatabase;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.Projection;
import io.leaseledger.projections.Projections;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.CommitSignal;
import io.leaseledger.store.FailedH2StoreGuard;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.List;

/**
 * The read side of one node: the projections database (migrated on open), the projections with
 * their runners, the live tail that feeds them from the event store, and the queries over them.
 */
public final class ReadSide implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final DSLContext dsl;
    private final List<ProjectionRunner> runners;
    private final ProjectionTail tail;
    private final EventStoreSource source;
    private final ProjectionsConfiguration config;

    private ReadSide(ProjectionsConfiguration config, HikariDataSource dataSource, DSLContext dsl,
                     List<ProjectionRunner> runners, EventStoreSource source, CommitSignal commits) {
        this.config = config;
        this.dataSource = dataSource;
        this.dsl = dsl;
        this.runners = runners;
        this.source = source;
        this.tail = new ProjectionTail(source, runners, config.batchSize(), config.pollInterval(), commits);
    }

    /** Opens (and migrates) the projections database; nothing runs until {@link #start()}. */
    public static ReadSide open(ProjectionsConfiguration config, AxonStore store, Clock clock) {
        HikariDataSource dataSource = dataSource(config);
        try {
            ProjectionDatabase.migrate(dataSource);
            DSLContext dsl = ProjectionDatabase.dsl(dataSource, ProjectionDatabase.dialect(config.jdbcUrl()));
            List<ProjectionRunner> runners = Projections.all().stream()
                    .map(p -> new ProjectionRunner(p, dsl, clock)).toList();
            return new ReadSide(config, dataSource, dsl, runners, new EventStoreSource(store),
                    store.transactionManager().commitSignal());
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource dataSource(ProjectionsConfiguration config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("leaseledger-projections");
        hikari.setMaximumPoolSize(4);
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(5_000);
        return FailedH2StoreGuard.pool(hikari, ProjectionDatabase.normalisedUrl(config.jdbcUrl()), config.username(),
                config.password().orElse(""));
    }

    /** Starts following the event store. */
    public void start() {
        tail.start();
    }

    public ProjectionTail tail() {
        return tail;
    }

    public LeaseQueries queries() {
        return new LeaseQueries(dsl);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public List<ProjectionRunner> runners() {
        return runners;
    }

    /** The runners of the projections named (all when {@code names} is empty); unknown names are refused. */
    public List<ProjectionRunner> runners(List<String> names) {
        if (names.isEmpty()) {
            return runners;
        }
        for (String name : names) {
            if (!Projections.names().contains(name)) {
                throw new IllegalArgumentException("no projection '" + name + "': the projections are "
                        + String.join(", ", Projections.names()));
            }
        }
        return runners.stream().filter(r -> names.contains(r.projection().name())).toList();
    }

    /** Empties the named projections and replays the event store into them (the tail must not run). */
    public ProjectionRebuild.Result rebuild(List<String> names) {
        return ProjectionRebuild.rebuild(source, runners(names), config.batchSize());
    }

    public List<Projection> projections() {
        return runners.stream().map(ProjectionRunner::projection).toList();
    }

    @Override
    public void close() {
        try {
            tail.close();
        } finally {
            dataSource.close();
        }
    }
}
