package io.leaseledger.server;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.groupcommit.MailboxFullException;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.groupcommit.SubnetWork;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.mdns.MdnsName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Network discovery (MAAS: "MAAS constantly listens to the network and reports any discovered
 * devices"): every device the ARP listener hears claiming an address of a served subnet, managed
 * or not, is recorded in that subnet's stream as a {@link DeviceSeen} — an (address, MAC) pair's
 * first claim, and again its first after {@link #RECORD_AGAIN_AFTER}, so a device that stays on
 * the link costs one event an hour, not one per ARP. A name the mDNS listener hears a device
 * announce for its address ({@link #heardName}) is recorded with the pair when it is new for it.
 * The projection {@code leases} lists them ({@code discovered_device}).
 *
 * <p>The pairs recorded are remembered ({@link #REMEMBERED}, least recently recorded forgotten
 * first), refilled at start from the log ({@link #remember}) so that a restart does not record
 * every device again. At most {@value #PER_SECOND} new records a second over all links (bursts of
 * {@value #BURST}): forged ARP with random MACs cannot flood the mailboxes or the log. Called by the
 * listener's reader threads; never blocks them (the report is queued in the subnet's mailbox).
 */
public final class DeviceDiscovery implements Consumer<ArpSighting> {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceDiscovery.class);

    static final Duration RECORD_AGAIN_AFTER = Duration.ofHours(1);
    static final int REMEMBERED = 65_536;
    static final int PER_SECOND = 50;
    static final int BURST = 200;

    /** What became of a claim heard. */
    public enum Outcome {
        /** Sent to its subnet to be recorded. */
        REPORTED,
        /** The pair was recorded less than an hour ago (and its name, if one was heard, is the one recorded). */
        REPEATED,
        /** The address is in no served subnet. */
        NOT_SERVED,
        /** Over the record rate: dropped (the pair's next claim is news again). */
        RATE_LIMITED,
        /** Of the reported: the subnet's mailbox was full or the record failed (the next claim tries again). */
        OVERLOADED
    }

    private record Pair(Ipv4Address address, MacAddress mac) {
    }

    /** When a pair was last recorded, and the last name recorded for it (null: none announced). */
    private record Recorded(Instant at, Hostname hostname) {
    }

    private final SettingsView settings;
    private final Clock clock;
    private SubnetGateway gateway;
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final LinkedHashMap<Pair, Recorded> recorded = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Pair, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final TokenBucket records;

    /** Remembers (through {@link #remember}) before it hears: {@link #reportTo} once the mailboxes exist. */
    public DeviceDiscovery(SettingsView settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.records = new TokenBucket(PER_SECOND, BURST, clock.millis() * 1_000_000);
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    /** Where the records go: the subnets' mailboxes. Until it is called, claims heard are counted and dropped as overloaded. */
    public synchronized void reportTo(SubnetGateway subnets) {
        this.gateway = subnets;
    }

    /**
     * A device record of the event log from before this start (given oldest first): a pair it
     * recorded is not news again until an hour after it, nor its name until it changes; a clear
     * makes the pairs it clears news again.
     */
    public synchronized void remember(SubnetEvent recorded) {
        switch (recorded) {
            case DeviceSeen seen -> rememberSeen(seen);
            case DiscoveriesCleared cleared -> forget(cleared);
            default -> {
                // nothing else is a device record
            }
        }
    }

    /**
     * An operator cleared devices of a subnet from the list ({@link DiscoveriesCleared}): the pairs
     * it clears are news again, so a device still on the link is recorded (and listed) at its next claim.
     */
    public synchronized void forget(DiscoveriesCleared cleared) {
        settings.subnet(cleared.subnetId()).ifPresent(subnet -> recorded.keySet().removeIf(pair ->
                subnet.cidr().contains(pair.address()) && cleared.clears(pair.address(), pair.mac())));
    }

    private void rememberSeen(DeviceSeen seen) {
        Pair pair = new Pair(seen.address(), seen.mac());
        Recorded before = recorded.get(pair);
        Instant at = before == null || seen.at().isAfter(before.at()) ? seen.at() : before.at();
        Hostname name = seen.hostname() != null || before == null ? seen.hostname() : before.hostname();
        recorded.put(pair, new Recorded(at, name));
    }

    /** A claim the ARP listener heard. */
    @Override
    public void accept(ArpSighting sighting) {
        heard(sighting.iface(), sighting.address(), sighting.mac(), null);
    }

    /** A name the mDNS listener heard a device announce for its own address. */
    public void heardName(MdnsName name) {
        heard(name.iface(), name.address(), name.mac(), Hostname.of(name.hostname()));
    }

    private void heard(String iface, Ipv4Address address, MacAddress mac, Hostname name) {
        Optional<ConfiguredSubnet> subnet = settings.subnetContaining(address);
        if (subnet.isEmpty()) {
            count(Outcome.NOT_SERVED);
            return;
        }
        Pair pair = new Pair(address, mac);
        Instant now = clock.instant();
        SubnetGateway to;
        Recorded marked;
        synchronized (this) {
            marked = admit(pair, name, now);
            if (marked == null) {
                return;
            }
            to = gateway;
        }
        count(Outcome.REPORTED);
        if (to == null) {
            failed(pair, marked);
            return;
        }
        to.reportDevice(subnet.get().id(), new SubnetWork.Device(iface, address, mac, name))
                .whenComplete((subnetRecorded, failure) -> {
                    if (failure != null) {
                        failed(pair, marked);
                        if (!(failure instanceof MailboxFullException || failure.getCause() instanceof MailboxFullException)) {
                            LOG.debug("recording {} on {} failed", mac, address, failure);
                        }
                    } else {
                        LOG.debug("device {} on {} ({}{}) recorded: {}", mac, address, iface,
                                name == null ? "" : ", " + name.value(), subnetRecorded);
                    }
                });
    }

    /** What is now remembered for the pair when the claim is news (counted otherwise, and null). */
    private Recorded admit(Pair pair, Hostname name, Instant now) {
        Recorded last = recorded.get(pair);
        boolean newName = name != null && (last == null || !name.equals(last.hostname()));
        if (last != null && !newName && Duration.between(last.at(), now).compareTo(RECORD_AGAIN_AFTER) < 0) {
            count(Outcome.REPEATED);
            return null;
        }
        if (!records.take(now.toEpochMilli() * 1_000_000)) {
            count(Outcome.RATE_LIMITED);
            return null;
        }
        Recorded marked = new Recorded(now, name != null || last == null ? name : last.hostname());
        recorded.put(pair, marked);
        return marked;
    }

    /** A record that did not reach the log: the pair's next claim is news again. */
    private void failed(Pair pair, Recorded marked) {
        count(Outcome.OVERLOADED);
        synchronized (this) {
            recorded.remove(pair, marked);
        }
    }

    private void count(Outcome outcome) {
        counts.get(outcome).increment();
    }

    /** Claims that ended as {@code outcome} (of the REPORTED ones, the OVERLOADED did not reach the log). */
    public long counted(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** How many (address, MAC) pairs are remembered as recorded. */
    public synchronized int remembered() {
        return recorded.size();
    }
}
