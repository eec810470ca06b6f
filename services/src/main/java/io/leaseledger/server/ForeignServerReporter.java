package io.leaseledger.server;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.groupcommit.SubnetWork;
import io.leaseledger.wire.foreign.ForeignReply;
import java.net.Inet4Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts another DHCP server heard on a served link into the event log: one
 * {@code ReportForeignDhcpServer} to the subnet of that link, through the subnet's mailbox, for
 * each reply {@link ForeignDhcpServers} finds worth a warning (a server's first reply heard, or its
 * first after an hour of silence) — so the sighting outlives a restart, shows in the transaction
 * log and reaches the stream.
 *
 * <p>The subnet is the served one holding an address of the interface it was heard on (a rogue
 * server usually offers addresses of its own network, none of ours); on a link with no served
 * address, the served subnet holding the address offered, else the server's, else the datagram's
 * source. A reply that names no served subnet, or whose client hardware address is not an
 * Ethernet one, stays in the list only. Everything is counted by {@link Outcome}; never blocks
 * the listener's thread.
 */
public final class ForeignServerReporter implements Consumer<ForeignReply> {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignServerReporter.class);

    /** What became of a reply worth recording. */
    public enum Outcome {
        /** Recorded by its subnet. */
        RECORDED,
        /** No served subnet on the link or holding its addresses (or the subnet was removed meanwhile). */
        NOT_SERVED,
        /** The client hardware address is not an Ethernet address (so not a MAC the log can name). */
        UNREADABLE_CLIENT,
        /** The subnet's mailbox was full, or the command failed: not recorded. */
        FAILED
    }

    private final SubnetGateway gateway;
    private final SettingsView settings;
    private final Function<String, List<Ipv4Address>> interfaceAddresses;
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    /** @param interfaceAddresses the IPv4 addresses of an interface, by name, now ({@link #addressesOf}) */
    public ForeignServerReporter(SubnetGateway gateway, SettingsView settings,
                                 Function<String, List<Ipv4Address>> interfaceAddresses) {
        this.gateway = gateway;
        this.settings = settings;
        this.interfaceAddresses = interfaceAddresses;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    @Override
    public void accept(ForeignReply reply) {
        Optional<ConfiguredSubnet> subnet = subnetOf(reply);
        if (subnet.isEmpty()) {
            count(Outcome.NOT_SERVED);
            return;
        }
        MacAddress client;
        try {
            client = MacAddress.parse(reply.client());
        } catch (IllegalArgumentException e) {
            count(Outcome.UNREADABLE_CLIENT);
            return;
        }
        var heard = new SubnetWork.ForeignServer(reply.iface(), reply.server(), reply.sourceAddress(),
                reply.sourceMac().orElse(null), reply.messageType(), client, reply.offered().orElse(null));
        gateway.reportForeignServer(subnet.get().id(), heard).whenComplete((recorded, failure) -> {
            if (failure == null) {
                count(recorded ? Outcome.RECORDED : Outcome.NOT_SERVED);
                return;
            }
            count(Outcome.FAILED);
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            LOG.warn("another DHCP server on {} ({}) could not be recorded in the event log: {}", reply.iface(),
                    reply.server(), cause.toString());
        });
    }

    private Optional<ConfiguredSubnet> subnetOf(ForeignReply reply) {
        for (Ipv4Address own : interfaceAddresses.apply(reply.iface())) {
            Optional<ConfiguredSubnet> subnet = settings.subnetContaining(own);
            if (subnet.isPresent()) {
                return subnet;
            }
        }
        List<Ipv4Address> named = new ArrayList<>(3);
        reply.offered().ifPresent(named::add);
        named.add(reply.server());
        named.add(reply.sourceAddress());
        for (Ipv4Address address : named) {
            Optional<ConfiguredSubnet> subnet = settings.subnetContaining(address);
            if (subnet.isPresent()) {
                return subnet;
            }
        }
        return Optional.empty();
    }

    /** Replies worth recording that ended as {@code outcome}. */
    public long counted(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    private void count(Outcome outcome) {
        counts.get(outcome).increment();
    }

    /** The interface's IPv4 addresses now; none when it is gone or cannot be read. */
    public static List<Ipv4Address> addressesOf(String iface) {
        try {
            NetworkInterface link = NetworkInterface.getByName(iface);
            if (link == null) {
                return List.of();
            }
            return link.inetAddresses().filter(Inet4Address.class::isInstance)
                    .map(a -> Ipv4Address.of(a.getAddress())).toList();
        } catch (SocketException e) {
            return List.of();
        }
    }
}
