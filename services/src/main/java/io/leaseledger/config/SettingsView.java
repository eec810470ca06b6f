package io.leaseledger.config;

import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.ReplyProfile;
import org.axonframework.eventhandling.EventHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subnets as the configuration events define them, in memory: rebuilt by replay at start,
 * then kept current by {@link #on(SubnetEvent)}. It is both the "previous" side of
 * {@link ConfigurationDiff} and what replies read (options, host names, INFORM), so answering a
 * client never touches the write path.
 *
 * <p>Thread-safe: each subnet is an immutable {@link ConfiguredSubnet} swapped in whole, so
 * readers on the packet threads never lock and never see half an update.
 */
public final class SettingsView {

    private final Map<SubnetId, ConfiguredSubnet> subnets = new ConcurrentHashMap<>();
    private volatile ReplyExtras extras = ReplyExtras.NONE;

    /** Applies one event; lease events are ignored. */
    @EventHandler
    public void on(SubnetEvent event) {
        if (event instanceof SubnetDefined e) {
            // Defined again after a removal: the aggregate kept ranges, hosts and snippets, and so does the view.
            subnets.merge(e.subnetId(), ConfiguredSubnet.defined(e), (old, fresh) -> old.apply(e));
        } else {
            subnets.computeIfPresent(event.subnetId(), (id, s) -> s.apply(event));
        }
    }

    /** Rebuilds from the log, oldest first. */
    public void replay(Iterable<? extends SubnetEvent> events) {
        events.forEach(this::on);
    }

    /** PXE and always-send marks from the configuration file as loaded at start. */
    public void useReplyExtras(ReplyExtras extras) {
        this.extras = extras;
    }

    /** The subnets served now. */
    public Collection<ConfiguredSubnet> subnets() {
        return subnets.values().stream().filter(ConfiguredSubnet::served).toList();
    }

    /** Every subnet the log knows, removed ones included: the "previous" side of {@link ConfigurationDiff}. */
    public Collection<ConfiguredSubnet> known() {
        return List.copyOf(subnets.values());
    }

    /** A served subnet. */
    public Optional<ConfiguredSubnet> subnet(SubnetId id) {
        return Optional.ofNullable(subnets.get(id)).filter(ConfiguredSubnet::served);
    }

    /** The served subnet that contains {@code address} (subnets never overlap: the configuration refuses it). */
    public Optional<ConfiguredSubnet> subnetContaining(Ipv4Address address) {
        for (ConfiguredSubnet s : subnets.values()) {
            if (s.served() && s.cidr().contains(address)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * What a reply to {@code client} on {@code subnet} carries: the snippets in force with host over
     * subnet over global, the reservation's host name, the subnet's PXE settings.
     */
    public Optional<ReplyProfile> profile(SubnetId subnet, MacAddress client, Ipv4Address serverIdentifier) {
        ConfiguredSubnet s = subnets.get(subnet);
        if (s == null || !s.served()) {
            return Optional.empty();
        }
        ReplyExtras x = extras;
        Map<Integer, OptionSnippet> byCode = new LinkedHashMap<>();
        // Most specific last, so it overwrites: global < subnet < host.
        for (OptionScope scope : List.of(OptionScope.GLOBAL, OptionScope.SUBNET, OptionScope.HOST)) {
            for (Map.Entry<SnippetKey, Octets> e : s.snippets().entrySet()) {
                SnippetKey k = e.getKey();
                if (k.scope() == scope && (scope != OptionScope.HOST || k.host().orElseThrow().equals(client))) {
                    byCode.put(k.code(), new OptionSnippet(k.code(), e.getValue().bytes(), x.alwaysSend(subnet, k)));
                }
            }
        }
        ConfiguredSubnet.Reservation reservation = s.hosts().get(client);
        return Optional.of(new ReplyProfile(serverIdentifier, s.cidr(), new ArrayList<>(byCode.values()),
                reservation == null ? Optional.empty() : reservation.hostname(), x.pxeFor(subnet)));
    }
}
