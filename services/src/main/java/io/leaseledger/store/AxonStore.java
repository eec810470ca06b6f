package io.leaseledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The running event store: Axon's {@link Configuration} (SimpleCommandBus, embedded event store
 * on {@link JdbcEventStorageEngine}, one event-sourced, cached, snapshotted repository per
 * aggregate type) over a HikariCP pool, started by {@link #start} and stopped by {@link #close}.
 *
 * <p>Commands dispatched through {@link #commandGateway()} run on the calling thread, inside one
 * JDBC transaction of {@link JdbcTransactionManager}; when {@code sendAndWait} returns, the
 * events the command applied are committed (and, in {@link Durability#FSYNC} mode, on disk).
 *
 * <p>The schema is created on start if it does not exist; starting twice on the same database
 * is harmless.
 */
public final class AxonStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AxonStore.class);
    /** How long a stop waits for a snapshot already running (it replays the log since the last one). */
    static final Duration RUNNING_SNAPSHOT_GRACE = Duration.ofSeconds(2);
    private final StoreSettings settings;
    private final HikariDataSource dataSource;
    private final JdbcTransactionManager transactionManager;
    private final ExecutorService snapshotExecutor;
    private final QuietTimeExecutor snapshotScheduler;
    private final Configuration configuration;
    private final SnapshotSizes snapshotSizes;
    private final JdbcEventStorageEngine engine;
    private final JacksonSerializer eventSerializer;
    private final EventSchema schema;

    private AxonStore(StoreSettings settings, HikariDataSource dataSource, JdbcTransactionManager transactionManager,
                      ExecutorService snapshotExecutor, QuietTimeExecutor snapshotScheduler, Configuration configuration,
                      SnapshotSizes snapshotSizes, JdbcEventStorageEngine engine, JacksonSerializer eventSerializer,
                      EventSchema schema) {
        this.snapshotScheduler = snapshotScheduler;
        this.engine = engine;
        this.eventSerializer = eventSerializer;
        this.schema = schema;
        this.settings = settings;
        this.dataSource = dataSource;
        this.transactionManager = transactionManager;
        this.snapshotExecutor = snapshotExecutor;
        this.configuration = configuration;
        this.snapshotSizes = snapshotSizes;
    }

    /** Opens the database, creates the schema if missing, and starts Axon with these aggregate types. */
    public static AxonStore start(StoreSettings settings, List<Class<?>> aggregateTypes) {
        HikariDataSource dataSource = dataSource(settings);
        ExecutorService snapshotExecutor = null;
        try {
            StoreDialect dialect = settings.dialect();
            JdbcTransactionManager transactionManager =
                    new JdbcTransactionManager(dataSource, dialect, settings.durability());
            JacksonSerializer events = StoreSerializers.events();
            Serializer snapshots = StoreSerializers.snapshots();
            EventSchema schema = new EventSchema();
            // No upcaster chain: events are read as stored. EventStoreSource.readAll reads the
            // table directly with the same serializer and relies on that; an upcaster added here
            // must be applied there too (EventStoreSourceContract compares the two readers, on H2 and PostgreSQL).
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .schema(schema)
                    .connectionProvider(transactionManager)
                    .transactionManager(transactionManager)
                    .eventSerializer(events)
                    .snapshotSerializer(snapshots)
                    .dataType(byte[].class)
                    .appendEvents(new AppendEventRows())
                    .build();
            engine.createSchema(dialect.eventTableFactory());
            tuneSchema(dataSource, dialect, schema);

            snapshotExecutor = Executors.newFixedThreadPool(settings.snapshots().threads(), daemonThreads("leaseledger-snapshot-"));
            CommandActivity activity = new CommandActivity(System::nanoTime);
            QuietTimeExecutor executor = new QuietTimeExecutor(snapshotExecutor, activity,
                    QuietTimeExecutor.DEFAULT_QUIET, QuietTimeExecutor.DEFAULT_MAX_DELAY, System::nanoTime);
            SnapshotSizes sizes = new SnapshotSizes();
            Configurer configurer = DefaultConfigurer.defaultConfiguration()
                    .configureTransactionManager(c -> transactionManager)
                    // No trace/correlation ids in every event's metadata: nothing reads them, and
                    // they cost a serialisation and ~100 bytes per event on the packet path.
                    .configureCorrelationDataProviders(c -> List.of())
                    .configureSerializer(c -> events)
                    .configureEventSerializer(c -> events)
                    .configureMessageSerializer(c -> events)
                    .configureEmbeddedEventStore(c -> engine)
                    .configureCommandBus(c -> {
                        SimpleCommandBus bus = SimpleCommandBus.builder().transactionManager(transactionManager).build();
                        bus.registerHandlerInterceptor(activity);
                        return bus;
                    })
                    .configureSnapshotter(c -> new SizingSnapshotter(AggregateSnapshotter.builder()
                            .eventStore(c.eventStore())
                            .transactionManager(transactionManager)
                            .executor(executor)
                            .aggregateFactories(c.findModules(AggregateConfiguration.class).stream()
                                    .<org.axonframework.eventsourcing.AggregateFactory<?>>map(AggregateConfiguration::aggregateFactory)
                                    .toList())
                            .repositoryProvider(c::repository)
                            .parameterResolverFactory(c.parameterResolverFactory()), sizes));
            for (Class<?> type : aggregateTypes) {
                configurer.configureAggregate(aggregate(type, settings.snapshots(), sizes));
            }
            Configuration configuration = configurer.buildConfiguration();
            configuration.start();
            return new AxonStore(settings, dataSource, transactionManager, snapshotExecutor, executor, configuration, sizes, engine,
                    events, schema);
        } catch (RuntimeException e) {
            if (snapshotExecutor != null) {
                snapshotExecutor.shutdownNow();
            }
            dataSource.close();
            throw e;
        }
    }

    private static void tuneSchema(DataSource dataSource, StoreDialect dialect, EventSchema schema) {
        try (Connection connection = dataSource.getConnection()) {
            dialect.tuneSchema(connection, schema);
            dialect.weakenedDefault(connection).ifPresent(setting -> LOG.warn(
                    "the database is configured with {}: a commit it acknowledges could be lost in a crash of the "
                            + "database server; the event store's own sessions use synchronous_commit = local instead",
                    setting));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the event tables: " + e.getMessage(), e);
        }
    }

    private static <A> AggregateConfigurer<A> aggregate(Class<A> type, StoreSettings.Snapshots snapshots, SnapshotSizes sizes) {
        return AggregateConfigurer.defaultConfiguration(type)
                .configureCache(c -> new PinnedAggregateCache())
                .configureCommandTargetResolver(c -> new SubnetCommandTargetResolver())
                .configureSnapshotTrigger(c -> snapshots.enabled()
                        ? new GrowingSnapshotTriggerDefinition(c.snapshotter(), sizes, snapshots.minEvents(), snapshots.ratio())
                        : NoSnapshotTriggerDefinition.INSTANCE);
    }

    private static HikariDataSource dataSource(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("leaseledger-events");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setAutoCommit(true);
        // Fail a command quickly when the database is gone, rather than holding its batch.
        config.setConnectionTimeout(5_000);
        settings.dialect().sessionInitSql().ifPresent(config::setConnectionInitSql);
        return FailedH2StoreGuard.pool(config, settings.jdbcUrl(), settings.username(), settings.password());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Every stored event's payload, oldest first, to {@code consumer}; returns when the log's end
     * (as of the call) is reached. For rebuilding in-memory views at start.
     */
    public void replayAll(java.util.function.Consumer<Object> consumer) {
        try (java.util.stream.Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> events =
                     engine.readEvents(null, false)) {
            events.forEach(event -> consumer.accept(event.getPayload()));
        }
    }

    /**
     * The payloads of the stored domain events whose type is not one of {@code skipped}, oldest
     * first, to {@code consumer}; returns at the log's end as of the call. Read straight from the
     * domain-event table with the type filter in the query, so the skipped events are neither
     * fetched nor deserialised: rebuilding the settings at start reads a rack's few configuration
     * events instead of all its lease events (Axon's {@code readEvents} managed about 7,000 events/s,
     * a start with a million leases would have spent minutes on them). The store has no
     * upcasters, so a payload read here is what Axon would hand over.
     */
    public void replayExcept(java.util.Collection<Class<?>> skipped, java.util.function.Consumer<Object> consumer) {
        replayExcept(skipped, java.util.List.of(), Instant.EPOCH, consumer);
    }

    /**
     * {@link #replayExcept(java.util.Collection, java.util.function.Consumer)}, with the events of
     * the {@code recentOnly} types read only when stored at or after {@code since} (the stored
     * time, to the millisecond Axon writes): a start that needs the last hour of a frequent kind of
     * record does not read the years before it.
     */
    public void replayExcept(java.util.Collection<Class<?>> skipped, java.util.Collection<Class<?>> recentOnly,
                             Instant since, java.util.function.Consumer<Object> consumer) {
        String placeholders = String.join(", ", java.util.Collections.nCopies(Math.max(1, skipped.size()), "?"));
        String recentPlaceholders = String.join(", ", java.util.Collections.nCopies(Math.max(1, recentOnly.size()), "?"));
        String sql = "SELECT " + schema.payloadTypeColumn() + ", " + schema.payloadRevisionColumn() + ", "
                + schema.payloadColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.payloadTypeColumn() + " NOT IN (" + placeholders + ")"
                + " AND (" + schema.payloadTypeColumn() + " NOT IN (" + recentPlaceholders + ")"
                + " OR " + schema.timestampColumn() + " >= ?)"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        java.util.Map<String, java.util.Optional<com.fasterxml.jackson.databind.ObjectReader>> readers = new java.util.HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            int i = 1;
            for (Class<?> type : skipped) {
                query.setString(i++, type.getName());
            }
            if (skipped.isEmpty()) {
                query.setString(i++, "");
            }
            for (Class<?> type : recentOnly) {
                query.setString(i++, type.getName());
            }
            if (recentOnly.isEmpty()) {
                query.setString(i++, "");
            }
            // Axon stores the time as ISO-8601 text with milliseconds: in text order, time order.
            query.setString(i, DateTimeUtils.formatInstant(since));
            query.setFetchSize(1_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    String revision = rows.getString(2);
                    var reader = readers.computeIfAbsent(type, t -> {
                        Class<?> c = eventSerializer.classForType(new org.axonframework.serialization.SimpleSerializedType(t, revision));
                        // A type this build does not know (an event of a later version): nothing here can use it.
                        return org.axonframework.serialization.UnknownSerializedType.class.isAssignableFrom(c) || Void.class.equals(c)
                                ? java.util.Optional.empty()
                                : java.util.Optional.of(eventSerializer.getObjectMapper().readerFor(c));
                    });
                    if (reader.isPresent()) {
                        consumer.accept(reader.get().readValue(rows.getBytes(3)));
                    }
                }
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot read the event store: " + e.getMessage(), e);
        }
    }

    /**
     * The stored events after {@code token} ({@code null}: from the first), oldest first, up to
     * the log's end as of the call; the caller closes the stream. For readers that track their
     * own position (the projections).
     */
    public java.util.stream.Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> readEvents(
            org.axonframework.eventhandling.TrackingToken token) {
        return engine.readEvents(token, false);
    }

    /** The serializer events are stored with (Jackson, {@link StoreSerializers#eventMapper()}). */
    public JacksonSerializer eventSerializer() {
        return eventSerializer;
    }

    /**
     * When the newest stored event was stored (the time Axon dated it with, the node's clock then),
     * or empty for an empty store: a start compares it with the clock's now.
     */
    public Optional<Instant> newestEventTime() {
        String sql = "SELECT " + schema.timestampColumn() + " FROM " + schema.domainEventTable()
                + " ORDER BY " + schema.globalIndexColumn() + " DESC LIMIT 1";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(sql);
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(DateTimeUtils.parseInstant(row.getString(1))) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the newest event's time: " + e.getMessage(), e);
        }
    }

    /** The event tables' names and columns. */
    public EventSchema eventSchema() {
        return schema;
    }

    public Configuration configuration() {
        return configuration;
    }

    public CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    /**
     * For readers that hand stored events on (projections, the Kafka publisher): call between
     * reading and handing on ({@link StoreDialect#awaitDurable}). Without it, an H2 store can show
     * a reader events whose write to the file then fails (a full disk): the database opens again
     * without them, and whatever the reader fed them to would hold events the log never kept.
     */
    public DurableReads durableReads() {
        StoreDialect dialect = settings.dialect();
        Durability durability = settings.durability();
        return connection -> dialect.awaitDurable(connection, durability);
    }

    /** {@link #durableReads()} on a connection of the store's pool, for readers that go through Axon's own. */
    public void awaitDurable() {
        try (Connection connection = dataSource.getConnection()) {
            durableReads().awaitDurable(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the events read durable: " + e.getMessage(), e);
        }
    }

    /** The pool the store writes through (readers outside Axon take their own connections). */
    public DataSource dataSource() {
        return dataSource;
    }

    public JdbcTransactionManager transactionManager() {
        return transactionManager;
    }

    public StoreSettings settings() {
        return settings;
    }

    public SnapshotSizes snapshotSizes() {
        return snapshotSizes;
    }

    /** Snapshots written since start. */
    public long snapshotsTaken() {
        return configuration.snapshotter() instanceof SizingSnapshotter s ? s.snapshotsTaken() : 0;
    }

    /** Runs {@code task} on the snapshot thread, as a snapshot would run (for tests of the stop). */
    void runAsSnapshot(Runnable task) {
        snapshotScheduler.execute(task);
    }

    /**
     * Stops Axon and closes the pool. Snapshots not yet started are dropped; one already running
     * gets {@link #RUNNING_SNAPSHOT_GRACE} to finish and is then abandoned, not interrupted (an
     * interrupt inside H2's file I/O closes the database's file channel). Its session may stay
     * open until it ends or the process exits; an H2 file left so is recovered at the next start
     * as after a kill, and its transaction, never committed, leaves nothing. A snapshot only
     * shortens the next start's replay; the events are all committed by now.
     */
    @Override
    public void close() {
        try {
            configuration.shutdown();
        } finally {
            snapshotScheduler.close();
            snapshotExecutor.shutdown();
            try {
                if (!snapshotExecutor.awaitTermination(RUNNING_SNAPSHOT_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.info("a snapshot still running after {} ms is abandoned: the next start replays a little more",
                            RUNNING_SNAPSHOT_GRACE.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dataSource.close();
        }
    }
}
