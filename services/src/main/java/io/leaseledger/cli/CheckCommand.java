package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationApplier;
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
import io.leaseledger.server.LeaseLedgerNode;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.StoreSettingsFromFile;
import io.leaseledger.subnet.Subnet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code leaseledger check --config FILE [--against-store]}: what {@code kea-dhcp4 -t} and
 * {@code dhcpd -t} are to their servers. Reads and validates the file exactly as {@code serve}
 * does (the interfaces it names must exist here), serves nothing, and says what it found; with
 * {@code --against-store}, also what a start would change in the event log.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates the configuration file as serve would, without serving, and summarises it.",
                "--against-store: also lists the configuration commands the next start would send to the subnets"
                        + " (the difference between the event log and the file). With the embedded H2 store, the"
                        + " server must be stopped (H2 files belong to one process); a store that does not exist yet"
                        + " is not created.",
                "Exit code 0 when the file is valid, 2 when it is not (every error is printed), 3 when the store is"
                        + " in use by another process."})
public final class CheckCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The YAML configuration (see docs/configuration.md and examples/).")
    Path config;

    @Option(names = "--against-store",
            description = "Also list what a start would change in the event log the file's store: block names.")
    boolean againstStore;

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
        StoreSettings settings = StoreSettingsFromFile.apply(configuration.store(),
                        StoreSettings.h2(Path.of(configuration.store().path())))
                .withSnapshots(StoreSettings.Snapshots.DISABLED);
        Optional<Path> h2File = StoreSettings.h2File(settings.jdbcUrl());
        if (h2File.isPresent() && !Files.exists(h2File.get())) {
            out.println("no event store at " + h2File.get() + " yet: the first start applies all of the file");
            return ConfigurationApplier.plan(new SettingsView(), configuration, Optional.empty(), Instant.now());
        }
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class))) {
            return LeaseLedgerNode.pendingConfiguration(store, configuration, Instant.now());
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
