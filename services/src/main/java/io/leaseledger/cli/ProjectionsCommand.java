package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.projections.Projections;
import io.leaseledger.readside.ProjectionRebuild;
import io.leaseledger.readside.ReadSide;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.StoreSettingsFromFile;
import io.leaseledger.subnet.Subnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code leaseledger projections rebuild [NAME...]}: the read models, replayed from the event store. */
@Command(name = "projections", mixinStandardHelpOptions = true,
        description = "Maintains the read models (projections): leases, history, log.",
        subcommands = {ProjectionsCommand.Rebuild.class})
public final class ProjectionsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "rebuild", mixinStandardHelpOptions = true,
            description = {"Empties the named projections (all without a name) and replays every event of the "
                    + "event store into them, then sets their position to the end of the log.",
                    "With the embedded H2 store, stop the server first (H2 files belong to one process); with "
                            + "PostgreSQL, stop it or set projections.enabled: false on the running node.",
                    "Exit code 0 when done, 2 when the configuration is invalid or a name is unknown."})
    static final class Rebuild implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The server's YAML configuration (store: and projections: blocks).")
        Path config;

        @Parameters(paramLabel = "NAME", arity = "0..*",
                description = "leases, history or log (default: all).")
        List<String> names = List.of();

        @Override
        public Integer call() {
            LeaseLedgerConfiguration configuration;
            try {
                configuration = new ConfigurationLoader(HostInterfaces.system()).load(config);
            } catch (ConfigurationException e) {
                System.err.println(e.getMessage());
                return 2;
            }
            for (String name : names) {
                if (!Projections.names().contains(name)) {
                    System.err.println("no projection '" + name + "': the projections are " + String.join(", ", Projections.names()));
                    return 2;
                }
            }
            if (!configuration.projections().enabled()) {
                System.err.println(config + ": projections.enabled is false: this node keeps no projections");
                return 2;
            }
            if (System.getProperty("disable-axoniq-console-message") == null) {
                System.setProperty("disable-axoniq-console-message", "true");
            }
            StoreSettings settings = StoreSettingsFromFile.apply(configuration.store(),
                            StoreSettings.h2(Path.of(configuration.store().path())))
                    .withSnapshots(StoreSettings.Snapshots.DISABLED);
            try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
                 ReadSide readSide = ReadSide.open(configuration.projections(), store, Clock.systemUTC())) {
                ProjectionRebuild.Result result = readSide.rebuild(names);
                System.out.printf(Locale.ROOT, "rebuilt %s from %,d events in %.2f s (%,.0f events/s)%n",
                        String.join(", ", result.projections()), result.events(), result.took().toNanos() / 1e9,
                        result.eventsPerSecond());
                return 0;
            }
        }
    }
}
