package io.leaseledger.api;

import io.leaseledger.projections.ProjectionDatabase;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.Projections;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.server.LeaseLedgerNode;
import io.leaseledger.store.AxonStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Read-side tables for a test node whose context has no {@link LeaseQueries} of its own: the
 * real projections (Flyway schema on H2, the projection classes, their runner) fed with the
 * node's real event log, the way the node's own read side feeds them. When the node keeps
 * projections itself, this does nothing and the tests read the node's own tables.
 */
final class Projected {
    private Projected() {}

    /** Brings the test's projection tables up to the node's event log (a no-op for a node with its own read side). */
    static void catchUp(LeaseLedgerNode node, Path dir) {
        if (node.context().containsBean(LeaseQueries.class) && !node.context().containsBean(Marker.class)) {
            return;
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(ProjectionDatabase.h2Url(dir.resolve("test-projections")));
        dataSource.setUser("sa");
        if (!node.context().containsBean(Marker.class)) {
            ProjectionDatabase.migrate(dataSource);
            DSLContext dsl = ProjectionDatabase.dsl(dataSource, SQLDialect.H2);
            node.context().registerSingleton(Marker.class, new Marker(dsl));
            node.context().registerSingleton(LeaseQueries.class, new LeaseQueries(dsl));
        }
        DSLContext dsl = node.context().getBean(Marker.class).dsl();
        List<StoredEvent> events = new ArrayList<>();
        AxonStore store = node.context().getBean(AxonStore.class);
        try (Stream<? extends TrackedEventMessage<?>> stream = store.configuration().eventStore().openStream(null).asStream()) {
            stream.forEach(m -> {
                if (m instanceof DomainEventMessage<?> d && d.getAggregateIdentifier() != null) {
                    events.add(new StoredEvent(m.getIdentifier(), d.getAggregateIdentifier(), d.getSequenceNumber(),
                            m.getTimestamp(), m.getPayload()));
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        for (var projection : Projections.all()) {
            // The runner passes over what it applied before (sequence per subnet), so catching up twice is harmless.
            new ProjectionRunner(projection, dsl, Clock.systemUTC()).apply(events, new SourcePosition("test", Integer.toString(events.size())));
        }
    }

    record Marker(DSLContext dsl) {}
}
