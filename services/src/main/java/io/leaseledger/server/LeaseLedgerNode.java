package io.leaseledger.server;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.ConfigurationApplier;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.GlobalOptions;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.ServerConfiguration;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.groupcommit.ReclaimScheduler;
import io.leaseledger.ha.HaMetrics;
import io.leaseledger.ha.HighAvailability;
import io.leaseledger.groupcommit.CommitHealth;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.metrics.CommittedEvents;
import io.leaseledger.metrics.BackupMetrics;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.store.AppliedConfigurationFile;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreBackups;
import io.leaseledger.store.ServedSubnets;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.streaming.KafkaPublisher;
import io.leaseledger.streaming.PublisherMetrics;
import io.leaseledger.streaming.EventStreams;
import io.leaseledger.streaming.Publishing;
import io.leaseledger.wire.arp.ActiveMapper;
import io.leaseledger.wire.arp.ArpListener;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.dhcp6.Dhcp6Responder;
import io.leaseledger.wire.foreign.ForeignDhcpListener;
import io.leaseledger.wire.foreign.ForeignDhcpProber;
import io.leaseledger.wire.foreign.ForeignReply;
import io.leaseledger.wire.mdns.MdnsListener;
import io.leaseledger.wire.transport.DecodingHandler;
import io.leaseledger.wire.transport.Dhcp6Transport;
import io.leaseledger.wire.transport.DhcpTransport;
import io.leaseledger.wire.transport.ReplyPorts;
import io.leaseledger.wire.transport.TransportConfig;
import io.leaseledger.api.ApiServer;
import io.leaseledger.readside.ReadSide;
import io.leaseledger.readside.ReadSideHealth;
import io.leaseledger.metrics.ReadSideMetrics;
import io.leaseledger.api.auth.TokenStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.leaseledger.leaseimport.LeaseFileToImport;
import io.leaseledger.leaseimport.LeaseImporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One running LeaseLedger node, single-node shape: the Micronaut context (event store, mailboxes,
 * reclaim scheduler from {@code StoreFactory}), the configuration applied to the Subnet
 * aggregates, the settings view the replies read, and the transport with the packet pipeline.
 *
 * <p>Start order: store; rebuild the settings view from the log; send the commands that take the
 * subnets from what the log says to what the file says — only for the subnets the file changed
 * since the last start, when that start recorded the file ({@link ConfigurationApplier},
 * {@link AppliedConfigurationFile}); rebuild the
 * view again (it now agrees with the file); then open the transport. The first packet is
 * answered from a view and an aggregate that already know the file.
 */
public final class LeaseLedgerNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLedgerNode.class);
    /** How long a close waits for Netty to let go of the API's port (about 100 ms). */
    private static final Duration API_RELEASE_LIMIT = Duration.ofSeconds(5);
    /** The first probe for other DHCP servers, once the node serves. */
    private static final Duration FIRST_PROBE_AFTER = Duration.ofSeconds(5);
    /** The first active mapping scan, once the ARP listener hears. */
    private static final Duration FIRST_SCAN_AFTER = Duration.ofSeconds(5);

    /**
     * The ARP listener (on served interfaces) and, when configured, active mapping and conflict
     * probes (also without a listener: through a relay they ask by ICMP echo); closed together,
     * the scans first.
     */
    private record ArpWatch(Optional<ArpListener> listener, Optional<ActiveMapper> mapper, Optional<ConflictProbe> probe) {
        void close() {
            mapper.ifPresent(ActiveMapper::close);
            listener.ifPresent(ArpListener::close);
            probe.ifPresent(ConflictProbe::close);
        }
    }

    /** The foreign DHCP listener and, when configured, its prober; closed together, the prober first. */
    private record ForeignDhcpWatch(ForeignDhcpListener listener, Optional<ForeignDhcpProber> prober) {
        void close() {
            prober.ifPresent(ForeignDhcpProber::close);
            listener.close();
        }
    }

    private final ApplicationContext context;
    private final DhcpTransport transport;
    private final Optional<ArpWatch> arp;
    private final Optional<ForeignDhcpWatch> foreignDhcp;
    private final Optional<MdnsListener> mdns;
    private final SettingsView settings;
    private final int configurationChanges;
    private final Optional<EmbeddedServer> api;
    private final Optional<KafkaPublisher> publisher;
    private final Optional<HighAvailability> ha;
    private final Optional<Dhcp6Transport> dhcp6;

    private LeaseLedgerNode(ApplicationContext context, DhcpTransport transport, Optional<ArpWatch> arp,
                            Optional<ForeignDhcpWatch> foreignDhcp, Optional<MdnsListener> mdns,
                            SettingsView settings, int configurationChanges, Optional<EmbeddedServer> api,
                            Optional<KafkaPublisher> publisher, Optional<HighAvailability> ha,
                            Optional<Dhcp6Transport> dhcp6) {
        this.ha = ha;
        this.dhcp6 = dhcp6;
        this.arp = arp;
        this.foreignDhcp = foreignDhcp;
        this.mdns = mdns;
        this.api = api;
        this.publisher = publisher;
        this.configurationChanges = configurationChanges;
        this.context = context;
        this.transport = transport;
        this.settings = settings;
    }

    public static LeaseLedgerNode start(LeaseLedgerConfiguration config, Clock systemClock) throws ConfigurationException {
        return start(config, systemClock, Optional.empty());
    }

    /**
     * {@link #start(LeaseLedgerConfiguration, Clock)}, taking over another DHCP server's leases from
     * {@code leases} after the configuration is applied and before any packet is answered.
     */
    public static LeaseLedgerNode start(LeaseLedgerConfiguration config, Clock systemClock,
                                        Optional<LeaseFileToImport> leases) throws ConfigurationException {
        ClockWatch clock = new ClockWatch(systemClock);
        // Axon's banner advertising its console, printed at every start otherwise.
        if (System.getProperty("disable-axoniq-console-message") == null) {
            System.setProperty("disable-axoniq-console-message", "true");
        }
        ApiServer.check(config.api());
        SettingsView settings = new SettingsView();
        Map<String, Object> properties = new HashMap<>(ApiServer.properties(config.api()));
        properties.put("micronaut.server.enabled", false);
        var builder = ApplicationContext.builder()
                .properties(properties)
                .singletons(config.store(), clock, settings, config.api(), new TokenStore(config.api().tokensFile()),
                        (ServedSubnets) () -> settings.subnets().stream().map(ConfiguredSubnet::id).toList());
        if (config.projections().enabled()) {
            // The read side (ReadSideFactory) exists only when this node keeps projections.
            builder.singletons(config.projections());
        }
        ApplicationContext context = builder.start();
        Optional<KafkaPublisher> publisher = Optional.empty();
        Optional<HighAvailability> ha = Optional.empty();
        try {
            AxonStore store = context.getBean(AxonStore.class);
            store.newestEventTime().ifPresent(clock::noteNewestStored);
            StoreBackups backups = new StoreBackups(store.dataSource(), store.settings().jdbcUrl(),
                    Path.of(config.store().backupDirectory()), config.store().backupsKept(), systemClock);
            context.registerSingleton(backups);
            AppliedConfigurationFile appliedFile = new AppliedConfigurationFile(store.dataSource());
            Optional<LeaseLedgerConfiguration> lastApplied = appliedFile.read().flatMap(LeaseLedgerNode::lastApplied);
            List<SubnetCommand> changes = applyConfiguration(store, config, clock.instant());
            List<ForeignDhcpServerObserved> heardBefore = new ArrayList<>();
            DeviceDiscovery discovery = new DeviceDiscovery(settings, clock);
            // Only a device's records of the last hour decide what is news; the years before are not read.
            replayInto(store, settings, heardBefore::add, discovery::remember,
                    Optional.of(clock.instant().minus(DeviceDiscovery.RECORD_AGAIN_AFTER)));
            settings.globalDefaults(GlobalOptions.inForce(config, lastApplied, settings.globalWord()));
            settings.globalPxe(config.pxe());
            LOG.info("{} subnet(s) served", settings.subnets().size());
            context.findBean(ReadSide.class).ifPresent(readSide -> {
                context.registerSingleton(ReadSideHealth.class, readSide.tail()); // GET /health
                readSide.start();
                LOG.info("projections kept in {}", config.projections().jdbcUrl());
            });

            // Metrics from the packet path and the committed events; the view follows configuration
            // changes made after start (through the HTTP API) as they commit.
            DhcpMetrics metrics = new DhcpMetrics();
            context.registerSingleton(metrics);
            context.findBean(ReadSide.class).ifPresent(readSide -> ReadSideMetrics.bind(readSide.tail(), metrics.registry()));
            BackupMetrics.bind(backups, metrics.registry());
            if (!config.store().backupEvery().isZero()) {
                backups.every(config.store().backupEvery());
            }
            clock.bindTo(metrics.registry());
            // Ends with the store (its event bus goes with it).
            CommittedEvents.follow(store, event -> {
                metrics.onCommitted(event);
                if (event instanceof SubnetEvent subnetEvent) {
                    settings.on(subnetEvent);
                }
                if (event instanceof DiscoveriesCleared cleared) {
                    discovery.forget(cleared); // a device still on the link is recorded again at its next claim
                }
            });

            ServerConfiguration server = config.server();
            SubnetGateway gateway = context.getBean(SubnetGateway.class);
            context.registerSingleton(CommitHealth.class, gateway.health()); // GET /health
            discovery.reportTo(gateway);
            context.registerSingleton(discovery);
            // Before the transport: no client is offered an address the replaced server had granted.
            leases.ifPresent(file -> importLeases(file, store, settings, clock.instant()));
            PacketPipeline pipeline = new PacketPipeline(gateway, settings, server.serverIdentifier(),
                    ports(server.port()), metrics);
            // Reads committed events on its own thread: the packet path never waits for Kafka.
            publisher = Publishing.start(config, store);
            publisher.ifPresent(p -> context.registerSingleton(KafkaPublisher.class, p));
            publisher.ifPresent(p -> PublisherMetrics.bind(p, metrics.registry()));
            // GET /api/v1/events: the same log as server-sent events, for operators without Kafka.
            EventStreams streams = new EventStreams(store, config.node().name());
            streams.bindTo(metrics.registry());
            context.registerSingleton(streams);
            // Half of a hot-standby pair: the partner's leases come in, and this node answers only in its turn.
            ha = HighAvailability.start(config, store, gateway, subnet -> settings.subnet(subnet).isPresent(), publisher,
                    () -> ownAddresses(server), clock);
            ha.ifPresent(pair -> {
                pipeline.gate(pair::admits);
                context.getBean(ReclaimScheduler.class).onlyWhile(pair::answers);
                HaMetrics.bind(pair, metrics.registry());
                context.registerSingleton(pair);
            });
            // The C2 cut-off comes once the warm-up's JIT has settled, and the warm-up goes on until C1 has redone what C2 left.
            Runnable cutC2 = () -> C2Cutoff.apply().ifPresentOrElse(
                    answer -> LOG.info("C2 stopped after the warm-up ({}): C1 compiles from here on", answer),
                    () -> LOG.warn("could not stop C2 after the warm-up: it compiles on under real traffic"));
            Warmup.run(context.getBean(StoreSettings.class), warmUpDirectory(config), server.warmUp(), Clock.systemUTC(),
                    C2Cutoff.requested() ? cutC2 : null);
            // The ARP listener before the transport: with conflict-probe on, the very first OFFERs are probed too.
            Optional<ArpWatch> arp = arpListener(server, gateway, settings, metrics, discovery, pipeline);
            DhcpTransport transport;
            try {
                transport = DhcpTransport.start(transportConfig(server), new DecodingHandler(pipeline));
            } catch (RuntimeException e) {
                arp.ifPresent(ArpWatch::close);
                throw e;
            }
            metrics.watch(transport.counters(), gateway);
            // A lazy singleton that nothing else asks for: without this its timer never starts, and
            // expired leases, ended probations and stale offers wait until their address is wanted.
            context.getBean(ReclaimScheduler.class);
            LOG.info("serving DHCPv4 on {}", transport.bindings());
            Optional<ForeignDhcpWatch> foreignDhcp = foreignDhcpWatch(server, context, clock, metrics,
                    new ForeignServerReporter(gateway, settings, ForeignServerReporter::addressesOf), heardBefore,
                    ha.<UnaryOperator<Consumer<ForeignReply>>>map(pair -> pair::withoutPartnerReplies)
                            .orElse(UnaryOperator.identity()));
            Optional<MdnsListener> mdns = mdnsListener(server, metrics, discovery);
            Optional<Dhcp6Transport> dhcp6 = Optional.empty();
            Optional<EmbeddedServer> api;
            try {
                dhcp6 = config.dhcp6().map(v6 -> Dhcp6Transport.start(v6.transport(),
                        new Dhcp6Responder(v6.serverDuid(), v6.links())));
                dhcp6.ifPresent(v6 -> {
                    metrics.watchDhcp6(v6.counters());
                    LOG.info("serving DHCPv6 (stateless) on {}", v6.served());
                });
                api = ApiServer.start(context, config.api());
            } catch (RuntimeException e) {
                dhcp6.ifPresent(Dhcp6Transport::close);
                ha.ifPresent(HighAvailability::close);
                arp.ifPresent(ArpWatch::close);
                foreignDhcp.ifPresent(ForeignDhcpWatch::close);
                mdns.ifPresent(MdnsListener::close);
                transport.close();
                throw e;
            }
            api.ifPresent(http -> LOG.info("HTTP API on {}", http.getURL()));
            return new LeaseLedgerNode(context, transport, arp, foreignDhcp, mdns, settings, changes.size(), api, publisher,
                    ha, dhcp6);
        } catch (RuntimeException e) {
            ha.ifPresent(HighAvailability::close);
            publisher.ifPresent(KafkaPublisher::close);
            context.close();
            throw e;
        }
    }

    private static void importLeases(LeaseFileToImport leases, AxonStore store, SettingsView settings, Instant at) {
        var importer = new LeaseImporter(store.dataSource(), settings, store.commandGateway());
        // The importer logs what it imported; a file imported before is this start's to explain.
        if (importer.run(leases.file(), leases.sha256(), leases.describe(), leases.again(), at)
                instanceof LeaseImporter.AlreadyImported already) {
            LOG.info("leases of {} were imported at {} already: not imported again (--import-again does)",
                    leases.path(), already.at());
        }
    }

    /**
     * The file as the last start applied it, read again. Interfaces and addresses are not checked
     * against this machine: only its subnets matter here, and the machine may have changed since.
     */
    private static Optional<LeaseLedgerConfiguration> lastApplied(String yaml) {
        try {
            return Optional.of(new ConfigurationLoader(HostInterfaces.ANY).parse(yaml, "the configuration as last applied"));
        } catch (ConfigurationException e) {
            LOG.warn("the configuration as last applied no longer reads ({}): this start applies all of the file", e.getMessage());
            return Optional.empty();
        }
    }

    /** The addresses clients see this node's replies come from: its server identifier, served interfaces' and bind addresses. */
    private static List<Ipv4Address> ownAddresses(ServerConfiguration server) {
        List<Ipv4Address> own = new ArrayList<>();
        server.serverIdentifier().ifPresent(own::add);
        server.interfaces().forEach(iface -> own.addAll(ForeignServerReporter.addressesOf(iface)));
        own.addAll(server.bindAddresses());
        return own.stream().distinct().toList();
    }

    /** Beside the node's own H2 files (same disk, same fsync cost); a temporary directory for PostgreSQL. */
    static Path warmUpDirectory(LeaseLedgerConfiguration config) {
        if (config.store().kind().equals("h2")) {
            return Path.of(config.store().path()).resolve("warm-up");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "leaseledger-warm-up-" + ProcessHandle.current().pid());
    }

    /**
     * What a start does to the log first: the difference between the log (and the file as last
     * applied) and {@code config}, sent to the subnets and committed; the file is then recorded
     * as applied. Returns the commands sent.
     */
    public static List<SubnetCommand> applyConfiguration(AxonStore store, LeaseLedgerConfiguration config, Instant at)
            throws ConfigurationException {
        AppliedConfigurationFile appliedFile = new AppliedConfigurationFile(store.dataSource());
        Optional<LeaseLedgerConfiguration> lastApplied = appliedFile.read().flatMap(LeaseLedgerNode::lastApplied);
        List<SubnetCommand> changes = ConfigurationApplier.apply(replayed(store), config, lastApplied,
                store.commandGateway(), at);
        if (!config.text().isEmpty() && !appliedFile.record(config.text(), at)) {
            LOG.warn("the configuration file is too long to be remembered: the next start will apply all of it again");
        }
        return changes;
    }

    /**
     * The configuration commands a start with {@code config} would send to the subnets of
     * {@code store} (the difference between its log and the file, three-way with the file last
     * applied), without sending them.
     */
    public static List<SubnetCommand> pendingConfiguration(AxonStore store, LeaseLedgerConfiguration config, Instant at) {
        Optional<LeaseLedgerConfiguration> lastApplied = new AppliedConfigurationFile(store.dataSource()).read()
                .flatMap(LeaseLedgerNode::lastApplied);
        return ConfigurationApplier.plan(replayed(store), config, lastApplied, at);
    }

    /** The served configuration as {@code store}'s log says it (lease events passed over). */
    public static SettingsView replayed(AxonStore store) {
        SettingsView view = new SettingsView();
        replayInto(store, view, heard -> { }, seen -> { }, Optional.empty());
        return view;
    }

    /**
     * The configuration events into {@code view}; the other DHCP servers recorded, and the devices
     * recorded since {@code devicesSince} (none without), oldest first, to {@code foreignServers}
     * and {@code devices}.
     */
    private static void replayInto(AxonStore store, SettingsView view, Consumer<ForeignDhcpServerObserved> foreignServers,
                                   Consumer<SubnetEvent> devices, Optional<Instant> devicesSince) {
        List<Class<?>> deviceRecords = List.of(DeviceSeen.class, DiscoveriesCleared.class);
        List<Class<?>> skipped = SettingsView.IGNORED_EVENTS.stream()
                .filter(type -> type != ForeignDhcpServerObserved.class && (!deviceRecords.contains(type) || devicesSince.isEmpty()))
                .toList();
        store.replayExcept(skipped, deviceRecords, devicesSince.orElse(Instant.EPOCH), payload -> {
            if (payload instanceof ForeignDhcpServerObserved heard) {
                foreignServers.accept(heard);
            } else if (payload instanceof DeviceSeen || payload instanceof DiscoveriesCleared) {
                devices.accept((SubnetEvent) payload);
            } else if (payload instanceof SubnetEvent event) {
                view.on(event);
            }
        });
    }

    /**
     * Hears ARP on the served interfaces (never on bind addresses: a loopback or relay-only node
     * has no link to hear), so addresses in use by other devices are kept from the pool and every
     * device heard is recorded ({@link DeviceDiscovery}); with {@code server.active-mapping}, every
     * address of the served subnets on those links is asked at that interval ({@link ActiveMapping}).
     */
    private static Optional<ArpWatch> arpListener(ServerConfiguration server, SubnetGateway gateway,
                                                     SettingsView settings, DhcpMetrics metrics,
                                                     DeviceDiscovery discovery, PacketPipeline pipeline) {
        boolean listens = server.arpListener() && !server.interfaces().isEmpty();
        Optional<ConflictProbe> probe = server.conflictProbe().isZero() ? Optional.empty()
                : Optional.of(ConflictProbe.onThisMachine(server.conflictProbe(), listens));
        if (!listens) {
            return probing(probe, List.of(), pipeline, metrics).map(p -> new ArpWatch(Optional.empty(), Optional.empty(),
                    Optional.of(p)));
        }
        InUseReporter reporter = new InUseReporter(gateway, settings, System::nanoTime);
        // The probe first: an answer it waits for releases an OFFER.
        Consumer<ArpSighting> sink = reporter.andThen(discovery);
        ArpListener listener = ArpListener.start(server.interfaces(), probe.<Consumer<ArpSighting>>map(p -> p.andThen(sink))
                .orElse(sink));
        metrics.watchArp(listener, reporter);
        metrics.watchDiscovery(discovery);
        if (listener.interfaces().isEmpty() && probe.isPresent()) {
            LOG.warn("conflict-probe is set but the ARP listener hears no interface (no CAP_NET_RAW?): OFFERs on the"
                    + " served links go unprobed");
            probe.get().stopAskingByArp();
        }
        probe = probing(probe, listener.interfaces(), pipeline, metrics);
        if (server.activeMapping().isZero() || listener.interfaces().isEmpty()) {
            return Optional.of(new ArpWatch(Optional.of(listener), Optional.empty(), probe));
        }
        ActiveMapper mapper = ActiveMapper.start(new ActiveMapping(listener.interfaces(), settings,
                ForeignServerReporter::addressesOf), FIRST_SCAN_AFTER, server.activeMapping());
        metrics.watchActiveMapping(mapper);
        return Optional.of(new ArpWatch(Optional.of(listener), Optional.of(mapper), probe));
    }

    /** Puts {@code probe} on the OFFERs it can ask for, or closes it when it can ask for none. */
    private static Optional<ConflictProbe> probing(Optional<ConflictProbe> probe, List<String> heard,
                                                   PacketPipeline pipeline, DhcpMetrics metrics) {
        if (probe.isEmpty()) {
            return probe;
        }
        ConflictProbe p = probe.get();
        if (!p.asksByArp() && !p.asksByEcho()) {
            p.close();
            return Optional.empty();
        }
        pipeline.probeOffers(p);
        metrics.watchConflictProbe(p);
        LOG.info("conflict detection: each OFFER waits {} ms for an answer to {}{}", p.waitTime().toMillis(),
                p.asksByArp() ? "an ARP request for its address on " + heard : "",
                p.asksByEcho() ? (p.asksByArp() ? ", or " : "") + "an ICMP echo request to it through a relay" : "");
        return probe;
    }

    /** Hears mDNS on the served interfaces (never on bind addresses): the names devices give their addresses, to discovery. */
    private static Optional<MdnsListener> mdnsListener(ServerConfiguration server, DhcpMetrics metrics,
                                                       DeviceDiscovery discovery) {
        if (!server.mdnsListener() || server.interfaces().isEmpty()) {
            return Optional.empty();
        }
        MdnsListener listener = MdnsListener.start(server.interfaces(), discovery::heardName);
        metrics.watchMdns(listener);
        return Optional.of(listener);
    }

    /**
     * Hears the replies of other DHCP servers on the served interfaces (never on bind addresses)
     * into the {@link ForeignDhcpServers} list the API shows and, through {@code reporter}, the
     * event log, and probes for them at the configured interval; the list exists, with what the log
     * recorded before ({@code heardBefore}, oldest first), when the listener does not.
     */
    private static Optional<ForeignDhcpWatch> foreignDhcpWatch(ServerConfiguration server, ApplicationContext context,
                                                                     Clock clock, DhcpMetrics metrics,
                                                                     ForeignServerReporter reporter,
                                                                     List<ForeignDhcpServerObserved> heardBefore,
                                                                     UnaryOperator<Consumer<ForeignReply>> withoutPartner) {
        ForeignDhcpServers servers = new ForeignDhcpServers(clock, reporter);
        heardBefore.forEach(servers::remember);
        if (servers.size() > 0) {
            LOG.info("{} other DHCP server(s) known from the event log, {} of them recorded within the last hour",
                    servers.size(), servers.heardRecently());
        }
        context.registerSingleton(servers);
        if (!server.foreignDhcpListener() || server.interfaces().isEmpty()) {
            return Optional.empty();
        }
        // An HA partner's replies are its half of the service, not another server's.
        ForeignDhcpListener listener = ForeignDhcpListener.start(server.interfaces(), withoutPartner.apply(servers::accept));
        servers.listeningOn(listener.interfaces());
        metrics.watchForeignDhcp(listener, servers, reporter);
        if (!server.foreignDhcpProbe().isZero() && !listener.interfaces().isEmpty()) {
            ForeignDhcpProber prober = ForeignDhcpProber.start(listener.interfaces(), FIRST_PROBE_AFTER, server.foreignDhcpProbe());
            metrics.watchForeignDhcpProbes(prober);
            return Optional.of(new ForeignDhcpWatch(listener, Optional.of(prober)));
        }
        return Optional.of(new ForeignDhcpWatch(listener, Optional.empty()));
    }

    static TransportConfig transportConfig(ServerConfiguration server) {
        InetSocketAddress[] addresses = server.bindAddresses().stream()
                .map(a -> new InetSocketAddress(a.toInetAddress(), server.port()))
                .toArray(InetSocketAddress[]::new);
        return new TransportConfig(server.interfaces(), List.of(addresses), server.port(), TransportConfig.Engine.AUTO);
    }


    /**
     * Replies to relays go to the server port, to clients to the client port (RFC 2131 §4.1): 67
     * and 68, or, on a test port P, P and P + 1.
     */
    static ReplyPorts ports(int serverPort) {
        return serverPort == ReplyPorts.STANDARD.server() ? ReplyPorts.STANDARD : new ReplyPorts(serverPort, serverPort + 1);
    }

    public DhcpTransport transport() {
        return transport;
    }

    /** The interfaces whose ARP this node hears (empty: no served interface, turned off, or no CAP_NET_RAW). */
    public List<String> arpInterfaces() {
        return arp.flatMap(ArpWatch::listener).map(ArpListener::interfaces).orElse(List.of());
    }

    /** Commands the configuration file caused at this start (0 when the log already agreed). */
    public int configurationChanges() {
        return configurationChanges;
    }

    /** The HTTP API's address, when the configuration has an {@code api:} block. */
    public Optional<java.net.URI> apiUri() {
        return api.map(EmbeddedServer::getURI);
    }

    /** The application context (HTTP API controllers, metrics, the store). */
    public ApplicationContext context() {
        return context;
    }

    public SettingsView settings() {
        return settings;
    }

    /**
     * How long a stop waits for the requests already read: a request older than {@code max-wait}
     * is dropped undecided anyway, so that, plus a commit, bounds it; without a max wait, 5 s.
     */
    static Duration drainLimit(StoreSettings.Mailbox mailbox) {
        Duration maxWait = mailbox.maxWait();
        return maxWait.isZero() ? Duration.ofSeconds(5) : maxWait.plusSeconds(1);
    }

    /** This node's half of a hot-standby pair, when it is one (docs/ha.md). */
    public Optional<HighAvailability> ha() {
        return ha;
    }

    /** The DHCPv6 transport, when the configuration has a {@code dhcp6:} block (docs/dhcpv6.md). */
    public Optional<Dhcp6Transport> dhcp6() {
        return dhcp6;
    }

    /** The Kafka publisher, when this node publishes (docs/streaming.md). */
    public Optional<KafkaPublisher> publisher() {
        return publisher;
    }

    /**
     * Stops in order: receiving first, and the reclaim timer; then the requests already read are decided and answered
     * (at most {@link #drainLimit}); then the transport, the readers of the store, the mailboxes and
     * the store (the context closes those in order); returns once the API's port is free again.
     */
    @Override
    public void close() {
        try {
            // The partner's events stop coming in before the mailboxes drain.
            ha.ifPresent(HighAvailability::close);
            arp.ifPresent(ArpWatch::close);
            foreignDhcp.ifPresent(ForeignDhcpWatch::close);
            mdns.ifPresent(MdnsListener::close);
            dhcp6.ifPresent(Dhcp6Transport::close);
            transport.stopReceiving();
            // Nothing else queues work either while the mailboxes drain: the closing count of
            // accepted and decided messages is then the whole story.
            context.findBean(ReclaimScheduler.class).ifPresent(ReclaimScheduler::close);
            context.findBean(StoreBackups.class).ifPresent(StoreBackups::close);
            Duration limit = drainLimit(context.getBean(StoreSettings.class).mailbox());
            if (!context.getBean(SubnetGateway.class).drain(limit)) {
                LOG.warn("requests still being decided {} after the stop began: their replies will not be sent", limit);
            }
            transport.close();
        } finally {
            LOG.info("group commit closed ({})", context.getBean(SubnetGateway.class).stats());
            try {
                // The readers of the store stop before the store does (the context would close
                // the store first, leaving the projection tail to log failed reads until it stops).
                context.findBean(ReadSide.class).ifPresent(ReadSide::close);
                context.findBean(EventStreams.class).ifPresent(EventStreams::close);
                publisher.ifPresent(KafkaPublisher::close);
            } finally {
                context.close();
                api.ifPresent(server -> ApiServer.awaitReleased(server, API_RELEASE_LIMIT));
            }
        }
    }
}
