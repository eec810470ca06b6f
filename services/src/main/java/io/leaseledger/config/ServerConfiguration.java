package io.leaseledger.config;

import io.leaseledger.events.types.Ipv4Address;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the transport serves. The server never listens on every interface: it serves the named
 * interfaces (bound with {@code SO_BINDTODEVICE}) and the named local addresses (for loopback tests
 * and relay-only deployments), and nothing else.
 *
 * @param port             the UDP port requests arrive on (67 unless testing)
 * @param interfaces       network interfaces to serve, by name ({@code eth1})
 * @param bindAddresses    local IPv4 addresses to bind, for relayed traffic only
 * @param serverIdentifier option 54 in every reply; when absent, the address of the interface or
 *                         binding the request arrived on
 * @param warmUp           the most a start spends compiling the packet path on synthetic clients
 *                         before the transport opens ({@code io.leaseledger.server.Warmup});
 *                         zero: serve cold
 * @param arpListener      hear ARP on the served interfaces and report addresses in use by other
 *                         devices (needs CAP_NET_RAW; bind addresses are never listened on)
 * @param foreignDhcpListener hear the replies other DHCP servers send on the served interfaces and
 *                         keep a list of those servers (needs CAP_NET_RAW; never on bind addresses)
 * @param foreignDhcpProbe how often the node broadcasts a DISCOVER of its own on each listened
 *                         interface, so that servers are heard even while no client asks; zero: never
 * @param mdnsListener     hear the mDNS announcements on the served interfaces, for the host names
 *                         devices give themselves (needs CAP_NET_RAW; never on bind addresses)
 * @param activeMapping    how often the node sends an ARP request to every address of each served
 *                         subnet it has an address on, so that silent hosts are discovered too (MAAS's
 *                         "active mapping"); zero: never (the default, as in MAAS)
 * @param conflictProbe    server conflict detection: how long an OFFER waits after a request for its
 *                         address (ARP on a served link, ICMP echo through a relay); another device
 *                         answering withholds it. Zero: off (the default, as in Kea)
 */
public record ServerConfiguration(
        int port, List<String> interfaces, List<Ipv4Address> bindAddresses, Optional<Ipv4Address> serverIdentifier,
        Duration warmUp, boolean arpListener, boolean foreignDhcpListener, Duration foreignDhcpProbe,
        boolean mdnsListener, Duration activeMapping, Duration conflictProbe) {

    public static final int DEFAULT_PORT = 67;
    /**
     * The most a start spends compiling the packet path before it serves. It usually needs less:
     * it stops after {@code Warmup.ENOUGH_ROUNDS} rounds of synthetic clients, about 5 s on a 2-core
     * machine as fast as the reference and 12-17 s on one a third as fast; the budget is for slower ones.
     */
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(30);
    /** MAAS's rack controllers probe for other DHCP servers every ten minutes. */
    public static final Duration DEFAULT_FOREIGN_DHCP_PROBE = Duration.ofMinutes(10);
    /** MAAS's active mapping scans every three hours, when a subnet turns it on. */
    public static final Duration MAAS_ACTIVE_MAPPING = Duration.ofHours(3);
    /** A scan asks every address of a subnet: not more often than this. */
    public static final Duration MIN_ACTIVE_MAPPING = Duration.ofMinutes(1);

    /** A client retransmits its DISCOVER after about four seconds: an OFFER later than that is wasted. */
    public static final Duration MAX_CONFLICT_PROBE = Duration.ofSeconds(2);
    /** An ARP answer on a LAN takes well under a millisecond; a wait shorter than this is a mistake. */
    public static final Duration MIN_CONFLICT_PROBE = Duration.ofMillis(10);

    public ServerConfiguration {
        interfaces = List.copyOf(interfaces);
        bindAddresses = List.copyOf(bindAddresses);
        if (warmUp == null || warmUp.isNegative()) {
            throw new IllegalArgumentException("warm-up must be zero (off) or more, got " + warmUp);
        }
        if (foreignDhcpProbe == null || foreignDhcpProbe.isNegative()) {
            throw new IllegalArgumentException("foreign-dhcp-probe must be zero (off) or more, got " + foreignDhcpProbe);
        }
        if (activeMapping == null || activeMapping.isNegative()
                || (!activeMapping.isZero() && activeMapping.compareTo(MIN_ACTIVE_MAPPING) < 0)) {
            throw new IllegalArgumentException("active-mapping must be zero (off) or at least " + MIN_ACTIVE_MAPPING
                    + ", got " + activeMapping);
        }
        if (conflictProbe == null || conflictProbe.isNegative() || (!conflictProbe.isZero()
                && (conflictProbe.compareTo(MIN_CONFLICT_PROBE) < 0 || conflictProbe.compareTo(MAX_CONFLICT_PROBE) > 0))) {
            throw new IllegalArgumentException("conflict-probe must be zero (off) or " + MIN_CONFLICT_PROBE.toMillis()
                    + " ms to " + MAX_CONFLICT_PROBE.toSeconds() + " s, got " + conflictProbe);
        }
    }
}
