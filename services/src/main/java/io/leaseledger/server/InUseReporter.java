package io.leaseledger.server;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.groupcommit.MailboxFullException;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.wire.arp.ArpSighting;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the ARP listener hears into reports to the subnets ({@code ReportAddressInUse},
 * through the subnet's mailbox): only senders inside a served, managed subnet; each (address,
 * device) pair at most once a minute, whatever the device's ARP rate; at most
 * {@value #PER_SECOND} reports a second over all links (bursts of {@value #BURST}), so a flood of
 * forged ARP cannot crowd the DHCP packets out of the mailboxes. The subnet decides what is news
 * (see {@code InUseRules}); everything is counted by {@link Outcome}.
 *
 * <p>Called by the listener's reader threads; never blocks them (the report is queued).
 */
public final class InUseReporter implements Consumer<ArpSighting> {
    private static final Logger LOG = LoggerFactory.getLogger(InUseReporter.class);

    /** The same device on the same address is reported again only after this (far below any sensible hold). */
    static final long REPEAT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** Pairs remembered for {@link #REPEAT_NANOS}; the least recently heard is forgotten first. */
    static final int REMEMBERED = 4096;
    static final int PER_SECOND = 20;
    static final int BURST = 50;

    /** What became of a sighting. */
    public enum Outcome {
        /** Sent to its subnet. */
        REPORTED,
        /** The sender's address is in no served, managed subnet. */
        NOT_SERVED,
        /** The same pair was reported less than a minute ago. */
        REPEATED,
        /** Over the report rate: dropped. */
        RATE_LIMITED,
        /** The subnet's mailbox was full (or the report failed): dropped. */
        OVERLOADED
    }

    private record Pair(Ipv4Address address, MacAddress mac) {
    }

    private final SubnetGateway gateway;
    private final SettingsView settings;
    private final LongSupplier nanoTime;
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);
    private final LinkedHashMap<Pair, Long> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Pair, Long> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final TokenBucket reports;

    public InUseReporter(SubnetGateway gateway, SettingsView settings, LongSupplier nanoTime) {
        this.gateway = gateway;
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.reports = new TokenBucket(PER_SECOND, BURST, nanoTime.getAsLong());
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    @Override
    public void accept(ArpSighting sighting) {
        Optional<ConfiguredSubnet> subnet = settings.subnetContaining(sighting.address())
                .filter(s -> s.settings().managed());
        if (subnet.isEmpty()) {
            count(Outcome.NOT_SERVED);
            return;
        }
        Outcome admitted = admit(new Pair(sighting.address(), sighting.mac()));
        if (admitted != Outcome.REPORTED) {
            count(admitted);
            return;
        }
        count(Outcome.REPORTED);
        gateway.report(subnet.get().id(), sighting.address(), sighting.mac()).whenComplete((outcome, failure) -> {
            if (failure != null) {
                count(Outcome.OVERLOADED);
                if (!(failure instanceof MailboxFullException || failure.getCause() instanceof MailboxFullException)) {
                    LOG.debug("reporting {} in use by {} failed", sighting.address(), sighting.mac(), failure);
                }
            } else {
                LOG.debug("{} seen in use by {} on {}: {}", sighting.address(), sighting.mac(), sighting.iface(), outcome);
            }
        });
    }

    private synchronized Outcome admit(Pair pair) {
        long now = nanoTime.getAsLong();
        Long last = recent.get(pair);
        if (last != null && now - last < REPEAT_NANOS) {
            return Outcome.REPEATED;
        }
        if (!reports.take(now)) {
            return Outcome.RATE_LIMITED;
        }
        recent.put(pair, now);
        return Outcome.REPORTED;
    }

    private void count(Outcome outcome) {
        counts.get(outcome).increment();
    }

    /** Sightings that ended as {@code outcome} (of the REPORTED ones, the OVERLOADED did not reach their subnet). */
    public long counted(Outcome outcome) {
        return counts.get(outcome).sum();
    }
}
