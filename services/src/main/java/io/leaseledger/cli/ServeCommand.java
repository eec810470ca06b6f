package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.api.RegionApi;
import io.leaseledger.region.RegionNode;
import io.leaseledger.streaming.RegionConsumerMetrics;
import io.leaseledger.leaseimport.LeaseFileToImport;
import io.leaseledger.server.LeaseLedgerNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code leaseledger serve --config FILE}: runs the server until SIGINT or SIGTERM. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves DHCPv4 as the configuration file says: the interfaces and addresses it names, "
                + "nothing else. Leases are committed to the event store before any reply leaves.",
                "SIGTERM or SIGINT stops it cleanly; the JVM then exits 128 + the signal (143, 130). Exit code 2"
                        + " when the configuration is invalid (every error is printed), 3 when the store is in use by"
                        + " another process."})
public final class ServeCommand implements Callable<Integer> {
    /** The store is open in another process: a restart may succeed once that one has stopped. */
    static final int STORE_IN_USE = 3;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The YAML configuration (see docs/configuration.md and examples/).")
    Path config;

    @Option(names = "--import-leases", paramLabel = "FILE",
            description = {"Take over the leases of the server this one replaces before answering any packet: Kea's"
                    + " memfile (kea-leases4.csv), ISC dhcpd's leases file (dhcpd.leases) or dnsmasq's (dnsmasq.leases),"
                    + " told apart by their content. Each lease the configuration would let its client have is kept to its expiry;"
                    + " the others are logged with the reason. A file is imported once (its SHA-256 is recorded).",
                    "See docs/operations.md, \"Switching from Kea, ISC dhcpd or dnsmasq\"."})
    Path importLeases;

    @Option(names = "--import-again",
            description = "With --import-leases: import the file even if this store imported it before (after"
                    + " adding the ranges its OUTSIDE_POOL leases need, say).")
    boolean importAgain;

    /** A region: the racks' events from Kafka into the projections, until stopped. */
    private static Integer region(LeaseLedgerConfiguration configuration)
            throws InterruptedException, ConfigurationException {
        RegionApi.check(configuration.api());
        RegionNode region = RegionNode.start(configuration.projections(), configuration.kafka().orElseThrow(),
                configuration.node().name(), Clock.systemUTC());
        Optional<RegionApi> api;
        try {
            // The same HTTP API over the region's projections (reads; configuration writes answer 503).
            api = RegionApi.start(configuration.api(), region.queries(), region.consumer(),
                    new RegionConsumerMetrics(region.consumer()));
        } catch (RuntimeException | ConfigurationException e) {
            region.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                api.ifPresent(RegionApi::close);
                region.close();
            } finally {
                stopped.countDown();
            }
        }, "leaseledger-shutdown"));
        System.out.println("LeaseLedger region " + configuration.node().name() + " consuming "
                + configuration.kafka().orElseThrow().topics()
                + api.map(a -> ", HTTP API on " + a.uri()).orElse("") + " (stop with Ctrl-C)");
        stopped.await();
        return 0;
    }

    @Override
    public Integer call() throws Exception {
        if (importAgain && importLeases == null) {
            System.err.println("--import-again: only with --import-leases FILE");
            return 2;
        }
        Optional<LeaseFileToImport> leases;
        try {
            // Read before anything is opened: a file that is no lease file stops the start here.
            leases = Optional.ofNullable(importLeases).map(file -> LeaseFileToImport.read(file, importAgain));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        LeaseLedgerNode node;
        try {
            LeaseLedgerConfiguration configuration = new ConfigurationLoader(HostInterfaces.system()).load(config);
            if (!configuration.node().role().servesDhcp()) {
                if (importLeases != null) {
                    System.err.println("--import-leases: a region keeps no leases; import them on the rack that serves them");
                    return 2;
                }
                return region(configuration);
            }
            node = LeaseLedgerNode.start(configuration, Clock.systemUTC(), leases);
        } catch (ConfigurationException e) {
            // Invalid in the file, or refused by a subnet aggregate when applied: either way, named.
            System.err.println(e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            return StoreInUse.exitCodeOrRethrow(e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            try {
                node.close();
            } finally {
                stopped.countDown();
            }
        }, "leaseledger-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        System.out.println("LeaseLedger serving " + node.transport().bindings()
                + node.apiUri().map(uri -> ", HTTP API on " + uri).orElse("") + " (stop with Ctrl-C)");
        stopped.await();
        return 0;
    }
}
