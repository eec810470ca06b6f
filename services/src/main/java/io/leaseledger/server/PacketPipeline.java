package io.leaseledger.server;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.groupcommit.MailboxFullException;
import io.leaseledger.groupcommit.NewWorkShedException;
import io.leaseledger.groupcommit.StaleMessageException;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.wire.commands.ClientMessages;
import io.leaseledger.wire.reply.ServerIdentifiers;
import io.leaseledger.wire.commands.Translation;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.reply.ReplyAssembler;
import io.leaseledger.wire.reply.ReplyProfile;
import io.leaseledger.wire.reply.SubnetSelection;
import io.leaseledger.wire.transport.DecodedRequest;
import io.leaseledger.wire.transport.DecodingHandler;
import io.leaseledger.wire.transport.Ingress;
import io.leaseledger.wire.transport.OutboundDatagram;
import io.leaseledger.wire.transport.ReplyPorts;
import io.leaseledger.wire.transport.TransportContext;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * The packet path after decoding: pick the subnet, queue the message in the subnet's mailbox,
 * and when the decision has committed, assemble, encode and send the reply.
 *
 * <pre>
 * DecodedRequest ─► SubnetSelection (82/5, 118, giaddr, interface, ciaddr) ─► ClientMessages.translate
 *   ─► SubnetGateway.decide (group commit; completes after the commit)
 *   ─► ReplyAssembler.reply (profile from the SettingsView) ─► Dhcp4Encoder ─► ReplyAddressing ─► send
 * INFORM ─► ReplyAssembler.inform, straight from the SettingsView (never the write path)
 * </pre>
 *
 * <p>{@link #handle} runs on the transport's event loop and never waits: it only queues, with the
 * event loop as the packet's reading thread. The batch is decided and committed on that event loop
 * while the subnet keeps up (after the loop's reads), else on a mailbox worker (SubnetMailbox).
 * The reply is assembled, encoded and sent on the event loop of the channel the request came in on
 * ({@link TransportContext#executorFor}): when a worker committed, replying there (a tenth of its
 * time) would cap the subnet's rate; on the event loop it runs beside the next commit, and a
 * batch's replies leave in one flush. Every request that gets no reply is
 * counted through {@link TransportContext#countDrop} with a {@link PipelineDrop}: under its subnet
 * once one is selected, so that an overloaded subnet shows by name.
 */
public final class PacketPipeline implements DecodingHandler.RequestHandler {
    private static final Logger LOG = LoggerFactory.getLogger(PacketPipeline.class);
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final ThrottledWarning decisionWarning = new ThrottledWarning(LOG, WARNING_INTERVAL, System::nanoTime);
    private final ThrottledWarning replyWarning = new ThrottledWarning(LOG, WARNING_INTERVAL, System::nanoTime);

    private final SubnetGateway gateway;
    private final SettingsView settings;
    private final Optional<Ipv4Address> configuredServerId;
    private final ReplyPorts ports;
    private final PacketObserver observer;
    private volatile ClientGate gate = ClientGate.OPEN;
    private final ThrottledWarning conflictWarning = new ThrottledWarning(LOG, WARNING_INTERVAL, System::nanoTime);
    private volatile ConflictProbe conflictProbe;

    /**
     * Whether this node answers a client now: always alone; in a hot-standby pair, only while it is the
     * half that answers ({@code HighAvailability}).
     */
    @FunctionalInterface
    public interface ClientGate {
        ClientGate OPEN = request -> true;

        boolean admits(Dhcp4Message request);
    }

    public PacketPipeline(SubnetGateway gateway, SettingsView settings, Optional<Ipv4Address> configuredServerId,
                          ReplyPorts ports) {
        this(gateway, settings, configuredServerId, ports, PacketObserver.NONE);
    }

    /**
     * @param configuredServerId option 54 for every reply; when empty, the address of the
     *                           interface (the one in the subnet, else its first) or binding the
     *                           request arrived on
     * @param ports              where replies go: 67/68, or the test ports
     * @param observer           told of every request and reply (metrics)
     */
    public PacketPipeline(SubnetGateway gateway, SettingsView settings, Optional<Ipv4Address> configuredServerId,
                          ReplyPorts ports, PacketObserver observer) {
        this.observer = observer;
        this.gateway = gateway;
        this.settings = settings;
        this.configuredServerId = configuredServerId;
        this.ports = ports;
    }

    /** From now on, only clients {@code gate} admits are answered; the others are counted drops. */
    public void gate(ClientGate gate) {
        this.gate = gate;
    }

    /**
     * From now on, an OFFER waits for {@code probe}'s request for its address (ARP on a link this
     * node is on, ICMP echo through a relay); one another device answers for is withheld
     * (docs/architecture.md, "Server conflict detection").
     */
    public void probeOffers(ConflictProbe probe) {
        this.conflictProbe = probe;
    }

    @Override
    public void handle(DecodedRequest request, TransportContext transport) {
        Dhcp4Message message = request.message();
        List<Ipv4Address> interfaceAddresses = addressesOf(request.ingress());
        Optional<ConfiguredSubnet> selected =
                SubnetSelection.select(message, interfaceAddresses, settings::subnetContaining);
        if (selected.isEmpty()) {
            observer.received(null, message.messageType());
            transport.countDrop(PipelineDrop.NOT_OUR_SUBNET);
            return;
        }
        ConfiguredSubnet subnet = selected.get();
        observer.received(subnet.id(), message.messageType());
        if (!gate.admits(message)) {
            transport.countDrop(PipelineDrop.HA_NOT_ANSWERING, subnet.id());
            return;
        }
        // A relay may stand in for us (RFC 5107): then its address is the identifier the client sees.
        Ipv4Address serverId = ServerIdentifiers.forRequest(message,
                serverIdentifier(request.ingress(), interfaceAddresses, subnet));
        Delivery delivery = ClientMessages.delivery(message, request.recipient().getAddress());
        switch (ClientMessages.translate(message, delivery, serverId)) {
            case Translation.ForSubnet(ClientMessage clientMessage) -> {
                // The thread that read the packet runs its batch while the subnet keeps up, and
                // sends its reply (one lookup for both; a transport without one sends as it says).
                Optional<Executor> readingThread = transport.readingThread(request.ingress());
                gateway.decide(subnet.id(), clientMessage, readingThread.orElse(null))
                        .whenCompleteAsync((decision, failure) -> {
                            if (failure != null) {
                                dropFailed(failure, subnet, transport);
                            } else {
                                reply(request, decision, subnet, clientMessage.client().chaddr(), serverId, transport,
                                        interfaceAddresses);
                            }
                        }, readingThread.orElseGet(() -> transport.executorFor(request.ingress())));
            }
            case Translation.Inform() -> inform(request, subnet, serverId, transport);
            case Translation.Ignored ignored -> transport.countDrop(PipelineDrop.NOT_SERVED, subnet.id());
        }
    }

    private void reply(DecodedRequest request, Decision decision, ConfiguredSubnet subnet, MacAddress client,
                       Ipv4Address serverId, TransportContext transport, List<Ipv4Address> interfaceAddresses) {
        if (decision instanceof Decision.Silent silent) {
            observer.unanswered(subnet.id(), silent.reason());
        }
        try {
            Optional<ReplyProfile> profile = settings.profile(subnet.id(), client, serverId);
            if (profile.isEmpty()) {
                // The subnet was removed while the packet waited: its decision stands, no reply.
                transport.countDrop(PipelineDrop.NOT_OUR_SUBNET, subnet.id());
                return;
            }
            Optional<Dhcp4Message> reply = ReplyAssembler.reply(request.message(), decision, profile.get());
            if (reply.isEmpty()) {
                return;
            }
            Ipv4Address offered = decision instanceof Decision.Offer offer ? offer.address() : null;
            Optional<CompletableFuture<Optional<ConflictProbe.Answer>>> probed = offered == null ? Optional.empty()
                    : probeOffer(request, subnet, interfaceAddresses, offered, client);
            if (probed.isPresent()) {
                probed.get().whenCompleteAsync((inUse, failure) -> {
                    if (inUse != null && inUse.isPresent()) {
                        withhold(subnet, offered, inUse.get(), client, transport);
                    } else {
                        sendReply(request, reply.get(), subnet, transport);
                    }
                }, transport.executorFor(request.ingress()));
                return;
            }
            sendReply(request, reply.get(), subnet, transport);
        } catch (RuntimeException e) {
            replyFailed(request, subnet, transport, e);
        }
    }

    /** Encodes and sends {@code reply}; also after a conflict probe, on the event loop, outside {@link #reply}. */
    private void sendReply(DecodedRequest request, Dhcp4Message reply, ConfiguredSubnet subnet, TransportContext transport) {
        try {
            send(request, reply, transport);
            observer.sent(subnet.id(), reply.messageType());
        } catch (RuntimeException e) {
            replyFailed(request, subnet, transport, e);
        }
    }

    private void replyFailed(DecodedRequest request, ConfiguredSubnet subnet, TransportContext transport, RuntimeException e) {
        transport.countDrop(PipelineDrop.REPLY_FAILED, subnet.id());
        replyWarning.warn("no reply to {} on {}: {}", request.message().messageType(), subnet.id(), e.toString());
    }

    /**
     * The probe of an OFFER's address, while probing is on, or empty where it cannot be asked: by
     * ARP for a request heard directly (no relay) on an interface that has an address of its own in
     * the subnet; by ICMP echo for a relayed one (the relay's link is not this node's).
     */
    private Optional<CompletableFuture<Optional<ConflictProbe.Answer>>> probeOffer(
            DecodedRequest request, ConfiguredSubnet subnet, List<Ipv4Address> interfaceAddresses, Ipv4Address offered,
            MacAddress client) {
        ConflictProbe probe = conflictProbe;
        if (probe == null) {
            return Optional.empty();
        }
        if (request.message().giaddr() != 0) {
            return probe.asksByEcho() ? Optional.of(probe.probeByEcho(offered)) : Optional.empty();
        }
        if (!probe.asksByArp() || !(request.ingress() instanceof Ingress.Interface link)) {
            return Optional.empty();
        }
        return interfaceAddresses.stream().filter(subnet.cidr()::contains).findFirst()
                .map(sender -> probe.probe(link.name(), sender, offered, client));
    }

    /**
     * Another device answered for the address about to be offered: no OFFER, and the device is
     * reported to the subnet, so that the client's next DISCOVER is offered another address.
     */
    private void withhold(ConfiguredSubnet subnet, Ipv4Address offered, ConflictProbe.Answer answer, MacAddress client,
                          TransportContext transport) {
        transport.countDrop(PipelineDrop.CONFLICT_PROBED, subnet.id());
        conflictWarning.warn("{} answered {} for {} ({}) before it was offered to {}: offer withheld, the address"
                + " kept from the pool while it is in use", answer, answer.device() == null ? "an ICMP echo" : "ARP",
                offered, subnet.id(), client);
        gateway.report(subnet.id(), offered, answer.device()).whenComplete((outcome, failure) -> {
            if (failure != null) {
                LOG.debug("reporting {} in use by {} failed", offered, answer, failure);
            }
        });
    }

    private void inform(DecodedRequest request, ConfiguredSubnet subnet, Ipv4Address serverId,
                        TransportContext transport) {
        try {
            Dhcp4Message message = request.message();
            MacAddress client = new MacAddress(message.htype(), message.hardwareAddress());
            Optional<ReplyProfile> profile = settings.profile(subnet.id(), client, serverId);
            if (profile.isEmpty()) {
                transport.countDrop(PipelineDrop.NOT_OUR_SUBNET, subnet.id());
                return;
            }
            Dhcp4Message ack = ReplyAssembler.inform(message, profile.get());
            send(request, ack, transport);
            observer.sent(subnet.id(), ack.messageType());
        } catch (RuntimeException e) {
            transport.countDrop(PipelineDrop.REPLY_FAILED, subnet.id());
            replyWarning.warn("no reply to INFORM on {}: {}", subnet.id(), e.toString());
        }
    }

    private void send(DecodedRequest request, Dhcp4Message reply, TransportContext transport) {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer(Dhcp4Encoder.BOOTP_MIN_LENGTH + 64);
        try {
            Dhcp4Encoder.encode(reply, request.message().maxMessageSize(), out);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        // The transport takes ownership of the buffer and counts a failed send.
        transport.send(new OutboundDatagram(request.ingress(), request.replyDestination(reply, ports), out));
    }

    private void dropFailed(Throwable failure, ConfiguredSubnet subnet, TransportContext transport) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof MailboxFullException) {
            transport.countDrop(PipelineDrop.OVERLOADED, subnet.id());
        } else if (cause instanceof StaleMessageException) {
            transport.countDrop(PipelineDrop.STALE, subnet.id());
        } else if (cause instanceof NewWorkShedException) {
            transport.countDrop(PipelineDrop.SHED, subnet.id());
        } else {
            transport.countDrop(PipelineDrop.DECISION_FAILED, subnet.id());
            decisionWarning.warn("decision on {} failed, no reply: {}", subnet.id(), cause.toString());
        }
    }

    private Ipv4Address serverIdentifier(Ingress ingress, List<Ipv4Address> interfaceAddresses,
                                         ConfiguredSubnet subnet) {
        if (configuredServerId.isPresent()) {
            return configuredServerId.get();
        }
        for (Ipv4Address address : interfaceAddresses) {
            if (subnet.cidr().contains(address)) {
                return address;
            }
        }
        if (!interfaceAddresses.isEmpty()) {
            return interfaceAddresses.getFirst();
        }
        if (ingress instanceof Ingress.BoundAddress bound
                && bound.address().getAddress() instanceof Inet4Address local) {
            return Ipv4Address.of(local.getAddress());
        }
        throw new IllegalStateException("no address to identify this server on " + ingress
                + ": configure server.server-identifier");
    }

    private static List<Ipv4Address> addressesOf(Ingress ingress) {
        return switch (ingress) {
            case Ingress.Interface link -> link.addresses().stream().map(a -> Ipv4Address.of(a.getAddress())).toList();
            case Ingress.BoundAddress bound -> List.of();
        };
    }
}
