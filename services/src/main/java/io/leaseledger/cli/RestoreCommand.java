package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.readside.ProjectionRebuild;
import io.leaseledger.readside.ReadSide;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreBackups;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.StoreSettingsFromFile;
import io.leaseledger.subnet.Subnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code leaseledger restore --config FILE --from ZIP [--replace]}: puts a backup back as the
 * node's event store, with the node stopped, and rebuilds the projections from it.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restores an event store backup (leaseledger backup) into the store.path of the configuration, "
                + "then rebuilds the projections from it. Stop the node first.",
                "--replace: a store already there is moved aside (events.mv.db.replaced-TIME), never deleted; without it "
                        + "a restore refuses to touch an existing store.",
                "Exit code 0 when restored, 2 when refused (invalid configuration, a PostgreSQL store, an existing store"
                        + " without --replace, not a backup), 3 when the store is in use by a running node."})
public final class RestoreCommand implements Callable<Integer> {
    private static final DateTimeFormatter ASIDE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The node's YAML configuration.")
    Path config;

    @Option(names = "--from", required = true, paramLabel = "ZIP", description = "A backup (events-*.zip).")
    Path backup;

    @Option(names = "--replace", description = "Move an existing store aside instead of refusing.")
    boolean replace;

    private final PrintStream out;
    private final Clock clock;

    public RestoreCommand() {
        this(System.out, Clock.systemUTC());
    }

    RestoreCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        LeaseLedgerConfiguration configuration;
        try {
            configuration = new ConfigurationLoader(HostInterfaces.ANY).load(config);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (!configuration.store().kind().equals("h2")) {
            System.err.println(config + ": the event store is PostgreSQL: restore it with pg_restore (docs/operations.md, \"Backups\")");
            return 2;
        }
        if (!Files.isRegularFile(backup)) {
            System.err.println(backup + " is not a file");
            return 2;
        }
        Path directory = Path.of(configuration.store().path()).toAbsolutePath().normalize();
        Path existing = StoreSettings.h2File(directory);
        if (Files.exists(existing)) {
            if (!replace) {
                System.err.println("a store exists at " + existing + ": stop the node and pass --replace to move it aside");
                return 2;
            }
            Optional<String> inUse = inUse(directory);
            if (inUse.isPresent()) {
                System.err.println(inUse.get());
                return ServeCommand.STORE_IN_USE;
            }
            Path aside = existing.resolveSibling(existing.getFileName() + ".replaced-" + ASIDE_TIME.format(clock.instant()));
            try {
                Files.move(existing, aside);
            } catch (IOException e) {
                System.err.println("cannot move " + existing + " aside: " + e.getMessage());
                return 2;
            }
            out.println("moved the store that was there to " + aside);
        }
        try {
            StoreBackups.restore(backup, directory);
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        StoreSettings settings = StoreSettingsFromFile.apply(configuration.store(), StoreSettings.h2(directory))
                .withSnapshots(StoreSettings.Snapshots.DISABLED);
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class))) {
            out.printf(Locale.ROOT, "restored %s into %s: %,d events, the newest of %s%n", backup, directory,
                    events(store), store.newestEventTime().map(Instant::toString).orElse("(none)"));
            if (configuration.projections().enabled()) {
                try (ReadSide readSide = ReadSide.open(configuration.projections(), store, clock)) {
                    ProjectionRebuild.Result result = readSide.rebuild(List.of());
                    out.printf(Locale.ROOT, "rebuilt the projections %s from %,d events%n",
                            String.join(", ", result.projections()), result.events());
                }
            }
        }
        configuration.kafka().ifPresent(kafka -> out.println("note: this node streams to Kafka; what it published after"
                + " the backup was taken is still in " + kafka.topics() + " and with its partner or region"
                + " (docs/operations.md, \"Backups\")"));
        return 0;
    }

    /** Why the store in {@code directory} cannot be opened now (a node has it), if it cannot. */
    private static Optional<String> inUse(Path directory) {
        try (Connection c = DriverManager.getConnection(StoreSettings.h2Url(directory) + ";IFEXISTS=TRUE", "sa", "")) {
            return Optional.empty();
        } catch (SQLException e) {
            return StoreInUse.explain(e).or(() -> Optional.of("cannot open " + StoreSettings.h2File(directory) + ": "
                    + e.getMessage()));
        }
    }

    private static long events(AxonStore store) {
        try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + store.eventSchema().domainEventTable())) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the restored events: " + e.getMessage(), e);
        }
    }
}
