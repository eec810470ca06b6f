package io.leaseledger.config;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.OptionSnippetRemoved;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;
import io.leaseledger.wire.reply.ReplyProfile;
import org.axonframework.eventhandling.EventHandler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The subnets as the configuration events define them, in memory: rebuilt by replay at start,
 * then kept current by {@link #on(SubnetEvent)}. It is both the "previous" side of
 * {@link ConfigurationDiff} and what replies read (options, host names, INFORM), so answering a
 * client never touches the write path.
 *
 * <p>Thread-safe: each subnet is an immutable {@link ConfiguredSubnet}, with its reply options
 * merged in advance, swapped in whole; readers on the packet threads never lock and never see
 * half an update. Configuration events are rare, packets are not: the work is done on update.
 */
public final class SettingsView {

    /**
     * A subnet with its snippets merged for replies: global and subnet level by code, host level
     * by MAC; its PXE settings in the replies' form; and the last profile made for a client with
     * neither host snippets nor a reservation (what nearly every reply carries), kept for the next
     * such client.
     */
    private record Prepared(ConfiguredSubnet subnet, Map<Integer, OptionSnippet> base,
                            Map<MacAddress, Map<Integer, OptionSnippet>> hosts, PxeBoot pxe,
                            AtomicReference<Optional<ReplyProfile>> common) {

        Prepared(ConfiguredSubnet subnet, Map<Integer, OptionSnippet> base, Map<MacAddress, Map<Integer, OptionSnippet>> hosts) {
            this(subnet, base, hosts, subnet.pxe().map(PxeConversion::boot).orElse(PxeBoot.NONE),
                    new AtomicReference<>(Optional.empty()));
        }

        static Prepared of(ConfiguredSubnet s) {
            Map<Integer, OptionSnippet> base = new LinkedHashMap<>();
            Map<MacAddress, Map<Integer, OptionSnippet>> hosts = new HashMap<>();
            // Most specific last, so it overwrites: global < subnet; host snippets overlay per client.
            for (OptionScope scope : List.of(OptionScope.GLOBAL, OptionScope.SUBNET, OptionScope.HOST)) {
                for (Map.Entry<SnippetKey, ConfiguredSubnet.Snippet> e : s.snippets().entrySet()) {
                    SnippetKey k = e.getKey();
                    if (k.scope() != scope) {
                        continue;
                    }
                    OptionSnippet o = new OptionSnippet(k.code(), e.getValue().value().bytes(), e.getValue().sentUnasked());
                    if (scope == OptionScope.HOST) {
                        hosts.computeIfAbsent(k.host().orElseThrow(), m -> new LinkedHashMap<>()).put(k.code(), o);
                    } else {
                        base.put(k.code(), o);
                    }
                }
            }
            return new Prepared(s, Map.copyOf(base), Map.copyOf(hosts));
        }
    }

    /**
     * The events {@link #on} ignores: the lease events (nearly all of a rack's log), pool
     * exhaustion, addresses seen in use, other DHCP servers and devices heard. A start rebuilds the view
     * from the other events only ({@code AxonStore.replayExcept}); derived from the sealed
     * hierarchy, so a new kind of lease event is skipped and a new kind of configuration event is
     * read without a change here.
     */
    public static final List<Class<?>> IGNORED_EVENTS = ignoredEvents();

    private static List<Class<?>> ignoredEvents() {
        List<Class<?>> ignored = new ArrayList<>(List.of(LeaseEvent.class.getPermittedSubclasses()));
        ignored.add(PoolExhausted.class);
        ignored.add(AddressInUseObserved.class);
        ignored.add(ForeignDhcpServerObserved.class);
        ignored.add(DeviceSeen.class);
        ignored.add(DiscoveriesCleared.class);
        return List.copyOf(ignored);
    }

    private final Map<SubnetId, Prepared> subnets = new ConcurrentHashMap<>();
    /** Per option code, the log's latest global snippet, or empty where it was last removed. */
    private final Map<Integer, Optional<ConfiguredSubnet.Snippet>> globalWord = new ConcurrentHashMap<>();
    /** The global snippets in force where the log has no word (a file's, applied to no subnet yet). */
    private volatile Map<Integer, ConfiguredSubnet.Snippet> globalDefaults = Map.of();
    /** The file's global {@code pxe} block, which a subnet the API defines starts with. */
    private volatile PxeSettings globalPxe = PxeSettings.NONE;

    /** Applies one event; lease events are ignored at once (they are nearly all of the stream). */
    @EventHandler
    public void on(SubnetEvent event) {
        if (event instanceof LeaseEvent || event instanceof PoolExhausted || event instanceof AddressInUseObserved
                || event instanceof ForeignDhcpServerObserved || event instanceof DeviceSeen
                || event instanceof DiscoveriesCleared) {
            return;
        }
        noteGlobalWord(event);
        subnets.compute(event.subnetId(), (id, p) -> {
            if (p == null) {
                // Only a definition starts a subnet; anything else for an unknown subnet is not ours to invent.
                return event instanceof SubnetDefined e ? Prepared.of(ConfiguredSubnet.defined(e)) : null;
            }
            // Defined again after a removal: the aggregate kept ranges, hosts and snippets, and so does the view.
            ConfiguredSubnet next = p.subnet().apply(event);
            return next == p.subnet() ? p : Prepared.of(next);
        });
    }

    private void noteGlobalWord(SubnetEvent event) {
        if (event instanceof OptionSnippetSet e && e.scope() == OptionScope.GLOBAL) {
            globalWord.put(e.code(), Optional.of(new ConfiguredSubnet.Snippet(e.value(), e.alwaysSend())));
        } else if (event instanceof OptionSnippetRemoved e && e.scope() == OptionScope.GLOBAL) {
            globalWord.put(e.code(), Optional.empty());
        }
    }

    /**
     * Per option code, the log's latest word on the global snippet: what the last global-scope
     * {@code OptionSnippetSet} of any subnet set, or empty where an {@code OptionSnippetRemoved}
     * came last. Codes the log never named are absent.
     */
    public SortedMap<Integer, Optional<ConfiguredSubnet.Snippet>> globalWord() {
        return new TreeMap<>(globalWord);
    }

    /**
     * The global snippets in force ({@link GlobalOptions}): the log's latest word per code, over
     * the defaults a start noted for codes the log never named.
     */
    public SortedMap<Integer, ConfiguredSubnet.Snippet> globalSnippets() {
        SortedMap<Integer, ConfiguredSubnet.Snippet> out = new TreeMap<>(globalDefaults);
        globalWord.forEach((code, word) -> word.ifPresentOrElse(s -> out.put(code, s), () -> out.remove(code)));
        return out;
    }

    /**
     * Notes what a start applied as the global snippets in force, for the codes the log has no word
     * on: a file's global options when no subnet carried them yet, so that the first subnet the
     * API defines gets them, as the next start would give it.
     */
    public void globalDefaults(Map<Integer, ConfiguredSubnet.Snippet> inForce) {
        globalDefaults = Map.copyOf(inForce);
    }

    /**
     * Notes the configuration file's global {@code pxe} block: a file subnet has it laid under its
     * own in its {@code PxeSettingsSet}; a subnet the API defines starts with it.
     */
    public void globalPxe(PxeBoot fileBlock) {
        globalPxe = PxeConversion.settings(fileBlock);
    }

    /** The file's global {@code pxe} block ({@link PxeSettings#NONE} without one). */
    public PxeSettings globalPxe() {
        return globalPxe;
    }

    /** Rebuilds from the log, oldest first. */
    public void replay(Iterable<? extends SubnetEvent> events) {
        events.forEach(this::on);
    }

    /** The subnets served now. */
    public Collection<ConfiguredSubnet> subnets() {
        return subnets.values().stream().map(Prepared::subnet).filter(ConfiguredSubnet::served).toList();
    }

    /** Every subnet the log knows, removed ones included: the "previous" side of {@link ConfigurationDiff}. */
    public Collection<ConfiguredSubnet> known() {
        return subnets.values().stream().map(Prepared::subnet).toList();
    }

    /** A served subnet. */
    public Optional<ConfiguredSubnet> subnet(SubnetId id) {
        return Optional.ofNullable(subnets.get(id)).map(Prepared::subnet).filter(ConfiguredSubnet::served);
    }

    /** The served subnet that contains {@code address} (subnets never overlap: the configuration refuses it). */
    public Optional<ConfiguredSubnet> subnetContaining(Ipv4Address address) {
        for (Prepared p : subnets.values()) {
            if (p.subnet().served() && p.subnet().cidr().contains(address)) {
                return Optional.of(p.subnet());
            }
        }
        return Optional.empty();
    }

    /**
     * What a reply to {@code client} on {@code subnet} carries: the snippets in force with host over
     * subnet over global, the reservation's host name, the subnet's PXE settings. Empty when the
     * subnet is not served.
     */
    public Optional<ReplyProfile> profile(SubnetId subnet, MacAddress client, Ipv4Address serverIdentifier) {
        Prepared p = subnets.get(subnet);
        if (p == null || !p.subnet().served()) {
            return Optional.empty();
        }
        Map<Integer, OptionSnippet> host = p.hosts().get(client);
        ConfiguredSubnet.Reservation reservation = p.subnet().hosts().get(client);
        PxeBoot pxe = p.pxe();
        if (host == null && reservation == null) {
            Optional<ReplyProfile> common = p.common().get();
            if (common.isPresent() && common.get().serverIdentifier().equals(serverIdentifier)) {
                return common;
            }
            common = Optional.of(new ReplyProfile(serverIdentifier, p.subnet().cidr(), List.copyOf(p.base().values()),
                    Optional.empty(), pxe));
            p.common().set(common);
            return common;
        }
        List<OptionSnippet> options;
        if (host == null) {
            options = List.copyOf(p.base().values());
        } else {
            Map<Integer, OptionSnippet> merged = new LinkedHashMap<>(p.base());
            merged.putAll(host);
            options = new ArrayList<>(merged.values());
        }
        return Optional.of(new ReplyProfile(serverIdentifier, p.subnet().cidr(), options,
                reservation == null ? Optional.empty() : reservation.hostname(), pxe));
    }
}
