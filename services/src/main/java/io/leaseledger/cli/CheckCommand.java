package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationApplier;
import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.RangeConfiguration;
import io.leaseledger.config.SettingsView;
import io.leaseledger.config.SubnetConfiguration;
import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ChangeSubnet;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RemoveOptionSnippet;
import io.leaseledger.events.subnet.RemoveRange;
import io.leaseledger.events.subnet.RemoveSubnet;
import io.leaseledger.events.subnet.ReserveHost;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SetPxeSettings;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.subnet.UnreserveHost;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.leaseimport.LeaseFileToImport;
import io.leaseledger.leaseimport.LeaseImport;
import io.leaseledger.server.LeaseLedgerNode;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.ImportedLeaseFiles;
import io.leaseledger.store.ScratchDirectory;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.StoreSettingsFromFile;
import io.leaseledger.subnet.Subnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code leaseledger check --config FILE [--against-store] [--import-leases FILE]}: what
 * {@code kea-dhcp4 -t} and {@code dhcpd -t} are to their servers. Reads and validates the file
 * exactly as {@code serve} does (the interfaces it names must exist here), serves nothing, and
 * says what it found; with {@code --against-store}, also what a start would change in the event
 * log; with {@code --import-leases}, what an import of another server's leases would take over.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates the configuration file as serve would, without serving, and summarises it.",
                "--against-store: also lists the configuration commands the next start would send to the subnets"
                        + " (the difference between the event log and the file). With the embedded H2 store, the"
                        + " server must be stopped (H2 files belong to one process); a store that does not exist yet"
                        + " is not created.",
                "--import-leases FILE: also what serve --import-leases FILE would take over, tried on a scratch copy"
                        + " of the store (the store itself is not changed).",
                "Exit code 0 when the file is valid, 2 when it is not (every error is printed), 3 when the store is"
                        + " in use by another process."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The YAML configuration (see docs/configuration.md and examples/).")
    Path config;

    @Option(names = "--against-store",
            description = "Also list what a start would change in the event log the file's store: block names.")
    boolean againstStore;

    @Option(names = "--import-leases", paramLabel = "FILE",
            description = "Also show what serve --import-leases FILE would take over (Kea's memfile or ISC dhcpd's"
                    + " leases file), and why not the rest: the configuration and the import run on a scratch copy"
                    + " of the store, which is then deleted; the store itself is not changed.")
    Path importLeases;

    private final PrintStream out;
    private final HostInterfaces interfaces;

    public CheckCommand() {
        this(System.out, HostInterfaces.system());
    }

    CheckCommand(PrintStream out, HostInterfaces interfaces) {
        this.out = out;
        this.interfaces = interfaces;
    }

    @Override
    public Integer call() {
        LeaseLedgerConfiguration configuration;
        try {
            configuration = new ConfigurationLoader(interfaces).load(config);
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        out.println(config + ": valid");
        summarise(configuration);
        if (importLeases != null) {
            int previewed = previewImport(configuration);
            if (previewed != 0) {
                return previewed;
            }
        }
        if (!againstStore) {
            return 0;
        }
        if (!configuration.node().role().servesDhcp()) {
            out.println("a region keeps no event log of its own: nothing to compare");
            return 0;
        }
        try {
            printChanges(pendingChanges(configuration));
            return 0;
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            return StoreInUse.exitCodeOrRethrow(e);
        }
    }

    private void summarise(LeaseLedgerConfiguration c) {
        out.printf("node %s (%s)%n", c.node().name(), c.node().role().name().toLowerCase(java.util.Locale.ROOT));
        if (c.node().role().servesDhcp()) {
            out.printf("DHCPv4 on port %d: interfaces %s, bind addresses %s%n", c.server().port(), c.server().interfaces(),
                    c.server().bindAddresses());
        }
        for (SubnetConfiguration subnet : c.subnets()) {
            SubnetSettings s = subnet.settings();
            out.printf("  subnet %s: %s, lease %d s, %s, %s, %d reservation(s)%n", subnet.cidr(),
                    s.managed() ? "managed" : "unmanaged (DHCP leases nothing)", s.leaseTime().seconds(),
                    ranges(subnet.ranges(), RangeKind.DYNAMIC), ranges(subnet.ranges(), RangeKind.RESERVED),
                    subnet.hosts().size());
        }
        c.dhcp6().ifPresent(v6 -> out.printf("DHCPv6 (stateless) on port %d: %d link(s)%n", v6.port(), v6.links().size()));
        c.ha().ifPresent(ha -> out.printf("hot-standby pair with %s (%s)%n", ha.partner(), ha.role()));
        c.kafka().ifPresent(kafka -> out.printf("events streamed to Kafka %s%n", kafka.topics()));
        out.println(c.api().enabled() ? "HTTP API on " + c.api().bind() + ":" + c.api().port() : "no HTTP API");
    }

    private static String ranges(List<RangeConfiguration> ranges, RangeKind kind) {
        List<String> of = ranges.stream().filter(r -> r.kind() == kind).map(r -> r.start() + "-" + r.end()).toList();
        String name = kind == RangeKind.DYNAMIC ? "dynamic" : "reserved";
        return of.isEmpty() ? "no " + name + " range" : name + " " + String.join(", ", of);
    }

    private List<SubnetCommand> pendingChanges(LeaseLedgerConfiguration configuration) throws ConfigurationException {
        StoreSettings settings = storeSettings(configuration);
        Optional<Path> h2File = StoreSettings.h2File(settings.jdbcUrl());
        if (h2File.isPresent() && !Files.exists(h2File.get())) {
            out.println("no event store at " + h2File.get() + " yet: the first start applies all of the file");
            return ConfigurationApplier.plan(new SettingsView(), configuration, Optional.empty(), Instant.now());
        }
        quietAxon();
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class))) {
            return LeaseLedgerNode.pendingConfiguration(store, configuration, Instant.now());
        }
    }

    /**
     * What {@code serve --import-leases} would do, found by doing it on a scratch store: a copy of
     * the embedded store when there is one (so its leases and its recorded imports count), an
     * empty one otherwise (a first start; a PostgreSQL store is not copied).
     */
    private int previewImport(LeaseLedgerConfiguration configuration) {
        if (!configuration.node().role().servesDhcp()) {
            System.err.println("--import-leases: a region keeps no leases; import them on the rack that serves them");
            return 2;
        }
        LeaseFileToImport leases;
        try {
            leases = LeaseFileToImport.read(importLeases);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("leaseledger-check-");
            StoreSettings real = storeSettings(configuration);
            Optional<Path> h2File = StoreSettings.h2File(real.jdbcUrl());
            if (h2File.isPresent() && Files.exists(h2File.get())) {
                quietAxon();
                try (AxonStore inUseCheck = AxonStore.start(real, List.of(Subnet.class))) {
                    // opened only to be refused while a node holds it: a copy of a file being written is no copy
                }
                Files.copy(h2File.get(), scratch.resolve(h2File.get().getFileName()));
                out.println("import of " + leases.describe() + ", tried on a copy of " + h2File.get() + ":");
            } else {
                out.println("import of " + leases.describe() + ", tried on an empty store (as at a first start"
                        + (h2File.isEmpty() ? "; the PostgreSQL store is not copied" : "") + "):");
            }
            quietAxon();
            try (AxonStore store = AxonStore.start(StoreSettings.h2(scratch).withSnapshots(StoreSettings.Snapshots.DISABLED),
                    List.of(Subnet.class))) {
                Instant now = Instant.now();
                LeaseLedgerNode.applyConfiguration(store, configuration, now);
                new ImportedLeaseFiles(store.dataSource()).importedAt(leases.sha256()).ifPresent(at -> out.println(
                        "  this store imported this file at " + at + ": serve passes it over unless --import-again"));
                SettingsView view = LeaseLedgerNode.replayed(store);
                LeaseImport.Result result = LeaseImport.run(leases.file(),
                        address -> view.subnetContaining(address).map(ConfiguredSubnet::id),
                        command -> store.commandGateway().sendAndWait(command), now);
                out.println("  would import " + result.summary(leases.describe()));
                result.notImported().forEach(line -> out.println("  not imported: " + line));
                result.unreadable().forEach(line -> out.println("  not read: " + line));
            }
            return 0;
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("--import-leases: cannot make a scratch copy of the store: " + e);
            return 1;
        } catch (RuntimeException e) {
            return StoreInUse.exitCodeOrRethrow(e);
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static StoreSettings storeSettings(LeaseLedgerConfiguration configuration) {
        return StoreSettingsFromFile.apply(configuration.store(), StoreSettings.h2(Path.of(configuration.store().path())))
                .withSnapshots(StoreSettings.Snapshots.DISABLED);
    }

    private static void quietAxon() {
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try {
            ScratchDirectory.wipe(directory);
        } catch (IOException e) {
            System.err.println("could not delete the scratch store " + directory + ": " + e);
        }
    }

    private void printChanges(List<SubnetCommand> changes) {
        if (changes.isEmpty()) {
            out.println("the event log already says what the file says: a start changes nothing");
            return;
        }
        out.printf("a start would send %d configuration command(s):%n", changes.size());
        changes.forEach(command -> out.println("  " + describe(command)));
    }

    /** One line per command, as an operator reads a change. */
    static String describe(SubnetCommand command) {
        return switch (command) {
            case DefineSubnet c -> "define subnet " + c.cidr() + " (" + settings(c.settings()) + ")";
            case ChangeSubnet c -> "change subnet " + c.subnetId() + " (" + settings(c.settings()) + ")";
            case RemoveSubnet c -> "remove subnet " + c.subnetId();
            case AddRange c -> "add " + kind(c.kind()) + " range " + c.range() + " to " + c.subnetId();
            case RemoveRange c -> "remove range " + c.range() + " from " + c.subnetId();
            case ReserveHost c -> "reserve " + c.address() + " for " + c.mac()
                    + (c.hostname() == null ? "" : " (" + c.hostname() + ")") + " in " + c.subnetId();
            case UnreserveHost c -> "drop the reservation of " + c.mac() + " in " + c.subnetId();
            case SetOptionSnippet c -> "set option " + c.code() + scope(c.scope(), c.host()) + " to " + c.value()
                    + (c.alwaysSend() ? " (always sent)" : "") + " in " + c.subnetId();
            case RemoveOptionSnippet c -> "remove option " + c.code() + scope(c.scope(), c.host()) + " in " + c.subnetId();
            case SetPxeSettings c -> "set the PXE settings of " + c.subnetId() + " to " + c.pxe();
            default -> command.getClass().getSimpleName() + " " + command.subnetId();
        };
    }

    private static String settings(SubnetSettings s) {
        return (s.managed() ? "managed" : "unmanaged") + (s.authoritative() ? ", authoritative" : "")
                + ", lease " + s.leaseTime().seconds() + " s";
    }

    private static String kind(RangeKind kind) {
        return kind == RangeKind.DYNAMIC ? "dynamic" : "reserved";
    }

    private static String scope(OptionScope scope, MacAddress host) {
        return switch (scope) {
            case GLOBAL -> " (global)";
            case SUBNET -> "";
            case HOST -> " for host " + host;
        };
    }
}
