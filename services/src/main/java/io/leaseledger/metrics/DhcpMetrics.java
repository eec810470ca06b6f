package io.leaseledger.metrics;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.SilentReason;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.server.ForeignDhcpServers;
import io.leaseledger.server.ForeignServerReporter;
import io.leaseledger.server.DeviceDiscovery;
import io.leaseledger.wire.arp.ActiveMapper;
import io.leaseledger.wire.mdns.MdnsDrop;
import io.leaseledger.wire.mdns.MdnsListener;
import io.leaseledger.server.InUseReporter;
import io.leaseledger.server.PacketObserver;
import io.leaseledger.wire.arp.ArpDrop;
import io.leaseledger.wire.arp.ArpListener;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.foreign.ForeignDhcpListener;
import io.leaseledger.wire.foreign.ForeignDhcpProber;
import io.leaseledger.wire.foreign.ForeignReplyDrop;
import io.leaseledger.wire.transport.DropReason;
import io.leaseledger.wire.transport.ReplyPath;
import io.leaseledger.server.ConflictProbe;
import io.leaseledger.wire.dhcp6.Dhcp6Drop;
import io.leaseledger.wire.dhcp6.Dhcp6MessageType;
import io.leaseledger.wire.transport.Dhcp6Transport;
import io.leaseledger.wire.transport.TransportCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.DoubleStream;

/**
 * The counters operators know from Kea, in Prometheus form, from the real packet path:
 *
 * <ul>
 *   <li>packets received and sent per message type and subnet ({@link PacketObserver}, called by
 *       the pipeline; Kea {@code pkt4-discover-received}, {@code pkt4-ack-sent}, …);</li>
 *   <li>datagrams dropped, by reason and subnet (the transport's own counters, which the decoder
 *       and the pipeline count into: malformed, not our subnet, overloaded, …; Kea
 *       {@code pkt4-receive-drop}); a drop before any subnet was known is under {@code none};</li>
 *   <li>addresses assigned, renewed, declined, released, reclaimed, NAKs and allocation failures
 *       per subnet, from the events as they commit ({@link CommittedEvents}; Kea
 *       {@code cumulative-assigned-addresses}, {@code declined-addresses}, {@code reclaimed-leases},
 *       {@code v4-allocation-fail}), and conflicts: addresses seen in use by another device
 *       ({@code leaseledger_addresses_conflicts_total}, by subnet and standing);</li>
 *   <li>the group commit per subnet: each committed batch's wait, commit time and size, as
 *       histograms ({@link #batchCommitted}).</li>
 * </ul>
 * Label {@code subnet} is the CIDR; {@code none} for requests no served subnet matched, and for
 * drops of datagrams whose subnet was never known (Prometheus wants every series of a name to
 * carry the same label keys, so the key is always there).
 */
public final class DhcpMetrics implements PacketObserver {
    private static final String NO_SUBNET = "none";
    /** Histogram buckets of the group commit's waits and commits: 0.5 ms to 2 s. */
    private static final Duration[] COMMIT_BUCKETS = DoubleStream.of(0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000)
            .mapToObj(ms -> Duration.ofNanos((long) (ms * 1_000_000))).toArray(Duration[]::new);
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Per subnet, one counter per message type value (0..255), made on first use. */
    private final Map<String, Counter[]> received = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> sent = new ConcurrentHashMap<>();
    private final Map<String, Counter> leaseCounters = new ConcurrentHashMap<>();
    /** Per subnet label, the drop reasons that have their counter. */
    private final Map<String, Set<DropReason>> dropsRegistered = new ConcurrentHashMap<>();
    private volatile TransportCounters transport;
    /** Per subnet: [addresses leased in the dynamic pool, size of the pool], as the projections last said. */
    private final Map<String, long[]> pools = new ConcurrentHashMap<>();
    private final Map<String, long[]> unknownDevices = new ConcurrentHashMap<>();
    /** How recent a device's last record must be to count as still on the link: it is recorded once an hour. */
    public static final java.time.Duration UNKNOWN_DEVICES_WINDOW = java.time.Duration.ofHours(2);
    private final Map<String, BatchMeters> batchMeters = new ConcurrentHashMap<>();

    /** The group commit's histograms of one subnet. */
    private record BatchMeters(Timer waited, Timer took, DistributionSummary messages) {}

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void received(SubnetId subnet, MessageType type) {
        packetCounter(received, "leaseledger.dhcp4.packets.received", "DHCP requests received, by subnet and message type",
                subnet, type).increment();
    }

    @Override
    public void sent(SubnetId subnet, MessageType type) {
        packetCounter(sent, "leaseledger.dhcp4.packets.sent", "DHCP replies handed to the transport, by subnet and message type",
                subnet, type).increment();
    }

    /**
     * Counted per DISCOVER turned away, as Kea's {@code v4-allocation-fail} is: the subnet commits
     * {@code PoolExhausted} only when its pool first runs dry, so the event would count a storm
     * of refused clients once.
     */
    @Override
    public void unanswered(SubnetId subnet, SilentReason reason) {
        if (reason == SilentReason.POOL_EXHAUSTED) {
            lease("leaseledger.allocation.failures", "DISCOVERs turned away: no free address in the pool", subnet, null)
                    .increment();
        }
    }

    private Counter packetCounter(Map<String, Counter[]> table, String name, String help, SubnetId subnet, MessageType type) {
        String label = subnet == null ? NO_SUBNET : subnet.value();
        Counter[] byType = table.computeIfAbsent(label, s -> new Counter[256]);
        Counter c = byType[type.value()];
        if (c == null) {
            c = Counter.builder(name).description(help)
                    .tag("subnet", label).tag("type", typeLabel(type)).register(registry);
            byType[type.value()] = c; // a benign race: register returns the same meter
        }
        return c;
    }

    static String typeLabel(MessageType type) {
        String name = type.typeName();
        return (name.startsWith("DHCP") ? name.substring(4) : name).toLowerCase(Locale.ROOT);
    }

    /** Counts a committed event (lease lifecycle); configuration events are ignored. */
    public void onCommitted(Object event) {
        switch (event) {
            case LeaseGranted e when e.kind() == GrantKind.NEW ->
                    lease("leaseledger.addresses.assigned", "Leases granted to a client that had none (DORA)", e.subnetId(), null).increment();
            case LeaseGranted e when e.kind() == GrantKind.IMPORTED ->
                    lease("leaseledger.addresses.imported", "Leases taken over from the server this one replaced"
                            + " (serve --import-leases)", e.subnetId(), null).increment();
            case LeaseGranted e ->
                    lease("leaseledger.leases.extended", "Leases renewed, rebound or confirmed at INIT-REBOOT", e.subnetId(),
                            e.kind().name().toLowerCase(Locale.ROOT)).increment();
            case AddressDeclined e ->
                    lease("leaseledger.addresses.declined", "Addresses declined by a client (into probation)", e.subnetId(), null).increment();
            case LeaseReleased e ->
                    lease("leaseledger.addresses.released", "Leases released by their client", e.subnetId(), null).increment();
            case LeaseExpired e ->
                    lease("leaseledger.addresses.reclaimed", "Expired leases reclaimed", e.subnetId(), null).increment();
            case AddressInUseObserved e ->
                    lease("leaseledger.addresses.conflicts", "Addresses seen in use by a device the server did not give"
                            + " them to (ARP or an API report), by what the server had them as", e.subnetId(),
                            e.standing().name().toLowerCase(Locale.ROOT)).increment();
            case RequestRefused e ->
                    lease("leaseledger.requests.refused", "REQUESTs refused with a NAK, by reason", e.subnetId(),
                            e.reason().name().toLowerCase(Locale.ROOT)).increment();
            default -> { }
        }
    }

    private Counter lease(String name, String help, SubnetId subnet, String reason) {
        String key = name + '|' + subnet.value() + '|' + reason;
        return leaseCounters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).description(help).tag("subnet", subnet.value());
            if (reason != null) {
                b.tag(name.endsWith("refused") ? "reason" : "kind", reason);
            }
            return b.register(registry);
        });
    }

    /** The transport's and the mailboxes' own counters, read at each scrape. */
    public void watch(TransportCounters counters, SubnetGateway gateway) {
        this.transport = counters;
        function("leaseledger.dhcp4.datagrams.received", "UDP datagrams read from any channel", counters, TransportCounters::received);
        function("leaseledger.dhcp4.send.failures", "Replies the transport could not send", counters, TransportCounters::sendFailures);
        for (ReplyPath path : ReplyPath.values()) {
            FunctionCounter.builder("leaseledger.dhcp4.datagrams.sent", counters, c -> c.sent(path))
                    .description("Replies the kernel accepted, by reply path").tag("path", path.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        function("leaseledger.groupcommit.commits", "Batches decided and committed (one transaction each)", gateway,
                g -> g.stats().commits());
        function("leaseledger.groupcommit.failed.batches", "Batches whose command failed (nothing committed, no replies)", gateway,
                g -> g.stats().failedBatches());
        gateway.observeBatches(this::batchCommitted);
    }

    /**
     * A committed batch: how long its oldest message had waited when it started
     * ({@code leaseledger_groupcommit_wait_seconds}), how long deciding and committing took
     * ({@code leaseledger_groupcommit_commit_seconds}) and how many messages it held
     * ({@code leaseledger_groupcommit_batch_messages}), by subnet. The wait is what a stall on the
     * commit path (a collector's pause, a slow disk, more packets than the subnet can decide) does
     * to clients; the commit time and the batch size say which.
     */
    void batchCommitted(String subnet, int messages, long waitedNanos, long tookNanos) {
        BatchMeters meters = batchMeters.computeIfAbsent(subnet, s -> new BatchMeters(
                Timer.builder("leaseledger.groupcommit.wait")
                        .description("How long the oldest message of each committed batch had waited when the batch started")
                        .tag("subnet", s).serviceLevelObjectives(COMMIT_BUCKETS).register(registry),
                Timer.builder("leaseledger.groupcommit.commit")
                        .description("How long deciding and committing each batch took (one command, one transaction)")
                        .tag("subnet", s).serviceLevelObjectives(COMMIT_BUCKETS).register(registry),
                DistributionSummary.builder("leaseledger.groupcommit.batch.messages")
                        .description("Messages decided together in each committed batch")
                        .tag("subnet", s).serviceLevelObjectives(BATCH_BUCKETS).register(registry)));
        meters.waited().record(Math.max(0, waitedNanos), TimeUnit.NANOSECONDS);
        meters.took().record(Math.max(0, tookNanos), TimeUnit.NANOSECONDS);
        meters.messages().record(messages);
    }

    /**
     * The ARP listener's frames by what became of them: dropped by the listener (probe, malformed,
     * not Ethernet/IPv4, own) or judged by the reporter (reported, not served, repeated, rate
     * limited; overloaded counts the reported ones whose mailbox refused them).
     */
    public void watchArp(ArpListener listener, InUseReporter reporter) {
        for (ArpDrop reason : ArpDrop.values()) {
            FunctionCounter.builder("leaseledger.arp.frames", listener, l -> l.dropped(reason))
                    .description("ARP frames heard on served interfaces, by what became of them")
                    .tag("outcome", reason.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        for (InUseReporter.Outcome outcome : InUseReporter.Outcome.values()) {
            FunctionCounter.builder("leaseledger.arp.frames", reporter, r -> r.counted(outcome))
                    .description("ARP frames heard on served interfaces, by what became of them")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /**
     * {@code leaseledger_discovery_claims_total{outcome}}: what became of the ARP claims heard, for
     * network discovery (reported to be recorded, repeated within the hour, not served, rate
     * limited; overloaded counts the reported ones that did not reach the log), and
     * {@code leaseledger_discovery_pairs}: the (address, MAC) pairs remembered as recorded.
     */
    public void watchDiscovery(DeviceDiscovery discovery) {
        for (DeviceDiscovery.Outcome outcome : DeviceDiscovery.Outcome.values()) {
            FunctionCounter.builder("leaseledger.discovery.claims", discovery, d -> d.counted(outcome))
                    .description("ARP claims heard on served interfaces, for network discovery, by what became of them")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("leaseledger.discovery.pairs", discovery, DeviceDiscovery::remembered)
                .description("(address, MAC) pairs remembered as recorded within the last hour or before")
                .register(registry);
    }

    /**
     * {@code leaseledger_foreign_dhcp_frames_total{outcome}}: what the frames the foreign DHCP
     * listener read became ({@code heard}: another server's reply; {@code unremembered}: heard, from
     * a server beyond the list's capacity; else why not), {@code leaseledger_foreign_dhcp_servers}:
     * the servers in the list heard within the last hour (an alert on it above zero is the "external
     * DHCP server" alarm, and ends an hour after the last such server fell silent), and
     * {@code leaseledger_foreign_dhcp_records_total{outcome}}: what became of their records in the event log.
     */
    public void watchForeignDhcp(ForeignDhcpListener listener, ForeignDhcpServers servers, ForeignServerReporter reporter) {
        String help = "frames the foreign DHCP listener read on served interfaces, by what became of them";
        FunctionCounter.builder("leaseledger.foreign.dhcp.frames", listener, ForeignDhcpListener::heard)
                .description(help).tag("outcome", "heard").register(registry);
        FunctionCounter.builder("leaseledger.foreign.dhcp.frames", servers, ForeignDhcpServers::unremembered)
                .description(help).tag("outcome", "unremembered").register(registry);
        for (ForeignReplyDrop reason : ForeignReplyDrop.values()) {
            FunctionCounter.builder("leaseledger.foreign.dhcp.frames", listener, l -> l.dropped(reason))
                    .description(help).tag("outcome", reason.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder("leaseledger.foreign.dhcp.servers", servers, ForeignDhcpServers::heardRecently)
                .description("other DHCP servers heard on served interfaces within the last hour").register(registry);
        for (ForeignServerReporter.Outcome outcome : ForeignServerReporter.Outcome.values()) {
            FunctionCounter.builder("leaseledger.foreign.dhcp.records", reporter, r -> r.counted(outcome))
                    .description("other DHCP servers' sightings put to the event log (a server's first reply, or its"
                            + " first after an hour of silence), by what became of them")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /** {@code leaseledger_foreign_dhcp_probes_total{outcome}}: the node's own DISCOVERs, {@code sent} or {@code failed}. */
    public void watchForeignDhcpProbes(ForeignDhcpProber prober) {
        String help = "DISCOVERs the node broadcast to find other DHCP servers on served interfaces";
        FunctionCounter.builder("leaseledger.foreign.dhcp.probes", prober, ForeignDhcpProber::sent)
                .description(help).tag("outcome", "sent").register(registry);
        FunctionCounter.builder("leaseledger.foreign.dhcp.probes", prober, ForeignDhcpProber::failed)
                .description(help).tag("outcome", "failed").register(registry);
    }

    /**
     * {@code leaseledger_conflict_probes_total{outcome}}: the ARP requests sent before OFFERs
     * ({@code server.conflict-probe}), by what they found: {@code free}, {@code in_use} (the OFFER
     * withheld) or {@code failed} (not sent; the OFFER went unprobed).
     */
    public void watchConflictProbe(ConflictProbe probe) {
        for (ConflictProbe.Method method : ConflictProbe.Method.values()) {
            for (ConflictProbe.Outcome outcome : ConflictProbe.Outcome.values()) {
                FunctionCounter.builder("leaseledger.conflict.probes", probe, p -> p.counted(method, outcome))
                        .description("Requests for an address about to be offered (ARP on a served link, ICMP echo"
                                + " through a relay), by what they found")
                        .tag("method", method.name().toLowerCase(Locale.ROOT))
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry);
            }
        }
    }

    /**
     * The DHCPv6 transport's counters (docs/dhcpv6.md "Watching it"):
     * {@code leaseledger_dhcp6_packets_received_total{type}} (a relayed request by the client message
     * inside; {@code unknown}: no type RFC 8415 defines, or not decoded that far),
     * {@code leaseledger_dhcp6_packets_sent_total{type}}, {@code leaseledger_dhcp6_packets_dropped_total{reason}}
     * and {@code leaseledger_dhcp6_send_failures_total}.
     */
    public void watchDhcp6(Dhcp6Transport.Counters counters) {
        for (Dhcp6MessageType type : Dhcp6MessageType.values()) {
            String label = type.name().toLowerCase(Locale.ROOT);
            FunctionCounter.builder("leaseledger.dhcp6.packets.received", counters, c -> c.received(type))
                    .description("DHCPv6 requests received, by the client message's type").tag("type", label).register(registry);
            FunctionCounter.builder("leaseledger.dhcp6.packets.sent", counters, c -> c.sent(type))
                    .description("DHCPv6 answers the kernel accepted, by type").tag("type", label).register(registry);
        }
        FunctionCounter.builder("leaseledger.dhcp6.packets.received", counters, Dhcp6Transport.Counters::receivedUnknown)
                .description("DHCPv6 requests received, by the client message's type").tag("type", "unknown").register(registry);
        for (Dhcp6Drop reason : Dhcp6Drop.values()) {
            FunctionCounter.builder("leaseledger.dhcp6.packets.dropped", counters, c -> c.dropped(reason))
                    .description("DHCPv6 datagrams not answered, by why").tag("reason", reason.label()).register(registry);
        }
        function("leaseledger.dhcp6.send.failures", "DHCPv6 answers the transport could not send", counters,
                Dhcp6Transport.Counters::sendFailures);
    }

    /**
     * {@code leaseledger_mdns_frames_total{outcome}}: the mDNS listener's frames, by what became of
     * them ({@code named}: a name a device gave its own address, handed to discovery; else why not).
     */
    public void watchMdns(MdnsListener listener) {
        String help = "mDNS frames heard on served interfaces, by what became of them";
        FunctionCounter.builder("leaseledger.mdns.frames", listener, MdnsListener::named)
                .description(help).tag("outcome", "named").register(registry);
        for (MdnsDrop reason : MdnsDrop.values()) {
            FunctionCounter.builder("leaseledger.mdns.frames", listener, l -> l.dropped(reason))
                    .description(help).tag("outcome", reason.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /**
     * {@code leaseledger_active_mapping_requests_total}: the ARP requests active mapping sent;
     * {@code leaseledger_active_mapping_scans_total{outcome}}: its scans of a subnet, by whether
     * they reached the last address ({@code completed}) or stopped on a failure ({@code failed}).
     */
    public void watchActiveMapping(ActiveMapper mapper) {
        function("leaseledger.active.mapping.requests", "ARP requests active mapping sent to the addresses of served subnets",
                mapper, ActiveMapper::sent);
        String help = "active mapping scans of a served subnet, by whether they completed";
        FunctionCounter.builder("leaseledger.active.mapping.scans", mapper, ActiveMapper::completed)
                .description(help).tag("outcome", "completed").register(registry);
        FunctionCounter.builder("leaseledger.active.mapping.scans", mapper, ActiveMapper::failed)
                .description(help).tag("outcome", "failed").register(registry);
    }

    private <T> void function(String name, String help, T source, ToLongFunction<T> value) {
        FunctionCounter.builder(name, source, s -> value.applyAsLong(s)).description(help).register(registry);
    }

    /**
     * The dynamic pool of each subnet as the read side counts it (MAAS's utilisation): gauges
     * {@code leaseledger_subnet_addresses_leased} and {@code leaseledger_subnet_addresses_dynamic}.
     * Called at each scrape on nodes that keep projections; a subnet no longer reported keeps its
     * last value (removed subnets stay in the projections, flagged).
     *
     * @param pools subnet → {in use, pool size}
     */
    public void updatePools(Map<String, long[]> pools) {
        pools.forEach((subnet, values) -> this.pools.compute(subnet, (k, held) -> {
            long[] cell = held;
            if (cell == null) {
                cell = new long[2];
                long[] gaugeCell = cell;
                io.micrometer.core.instrument.Gauge.builder("leaseledger.subnet.addresses.leased", gaugeCell, c -> c[0])
                        .description("Addresses of the dynamic pool offered, leased or declined (from the projections)")
                        .tag("subnet", subnet).register(registry);
                io.micrometer.core.instrument.Gauge.builder("leaseledger.subnet.addresses.dynamic", gaugeCell, c -> c[1])
                        .description("Addresses in the dynamic pool (from the projections)")
                        .tag("subnet", subnet).register(registry);
            }
            cell[0] = values[0];
            cell[1] = values[1];
            return cell;
        }));
    }

    /**
     * {@code leaseledger_discovery_unknown_devices{subnet}}: the devices heard on a subnet's links
     * that are neither reserved nor leased, last recorded within {@link #UNKNOWN_DEVICES_WINDOW}
     * (from the projections, at each scrape); a subnet that had some and has none now reads 0.
     */
    public void updateUnknownDevices(Map<String, Long> bySubnet) {
        unknownDevices.forEach((subnet, cell) -> cell[0] = bySubnet.getOrDefault(subnet, 0L));
        bySubnet.forEach((subnet, count) -> unknownDevices.computeIfAbsent(subnet, s -> {
            long[] cell = new long[1];
            io.micrometer.core.instrument.Gauge.builder("leaseledger.discovery.unknown.devices", cell, c -> c[0])
                    .description("Devices heard on the subnet's links, neither reserved nor leased, last recorded within "
                            + "two hours (from the projections)")
                    .tag("subnet", s).register(registry);
            return cell;
        })[0] = count);
    }

    /**
     * The Prometheus text exposition; drop reasons seen since the last scrape, with or without a
     * subnet, get their counter first (the packet path only counts into the transport's adders).
     */
    public String scrape() {
        TransportCounters counters = transport;
        if (counters != null) {
            for (DropReason reason : counters.dropsWithoutSubnet().keySet()) {
                dropCounter(counters, reason, NO_SUBNET, c -> c.droppedWithoutSubnet(reason));
            }
            counters.dropsBySubnet().forEach((subnet, reasons) -> {
                for (DropReason reason : reasons.keySet()) {
                    dropCounter(counters, reason, subnet.value(), c -> c.dropped(reason, subnet));
                }
            });
        }
        return registry.scrape();
    }

    private void dropCounter(TransportCounters counters, DropReason reason, String subnet,
                             ToLongFunction<TransportCounters> value) {
        if (dropsRegistered.computeIfAbsent(subnet, s -> ConcurrentHashMap.newKeySet()).add(reason)) {
            FunctionCounter.builder("leaseledger.dhcp4.packets.dropped", counters, value::applyAsLong)
                    .description("Datagrams dropped without a reply, by reason and by the subnet they were for")
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT)).tag("subnet", subnet)
                    .register(registry);
        }
    }

}
