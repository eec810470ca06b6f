package io.leaseledger.wire.dhcp6;

import static io.leaseledger.wire.dhcp6.Dhcp6Options.CLIENTID;
import static io.leaseledger.wire.dhcp6.Dhcp6Options.SERVERID;

import io.leaseledger.events.types.Duid;
import io.leaseledger.wire.dhcp6.Dhcp6Options.StatusCode;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The DHCPv6 server's decisions (RFC 8415 §16, §18.3), a pure function of a datagram, the
 * interface it arrived on and the configured links. This server is stateless (RFC 8415 §6.1): it
 * answers Information-request with the link's configuration, and answers the stateful exchanges
 * the way a server with no addresses to give must, so that a client asking for addresses learns
 * at once that there are none here and asks for configuration only. No lease is decided, so
 * nothing reaches the event store; see docs/dhcpv6.md.
 */
public final class Dhcp6Responder {

    private static final String NO_ADDRESSES = "this server gives configuration only (stateless DHCPv6), no addresses";
    private static final Set<Dhcp6MessageType> SENT_BY_SERVERS_AND_RELAYS = EnumSet.of(Dhcp6MessageType.ADVERTISE,
            Dhcp6MessageType.REPLY, Dhcp6MessageType.RECONFIGURE, Dhcp6MessageType.RELAY_FORW, Dhcp6MessageType.RELAY_REPL);

    private final Duid serverDuid;
    private final List<Dhcp6Link> links;

    public Dhcp6Responder(Duid serverDuid, List<Dhcp6Link> links) {
        this.serverDuid = Objects.requireNonNull(serverDuid, "serverDuid");
        this.links = List.copyOf(links);
    }

    /** What became of one datagram. */
    public sealed interface Outcome {
        /** The request's type, when the datagram decoded that far (a relay's: the relayed client message's). */
        Optional<Dhcp6MessageType> request();
    }

    /**
     * A reply to send back to where the datagram came from.
     *
     * @param toSourcePort true when the outermost relay asked (RFC 8357 Relay Source Port option) to
     *                     be answered on the port it sent from; relays are otherwise answered on 547
     *                     and clients on the port they sent from
     */
    public record Answer(Optional<Dhcp6MessageType> request, Dhcp6MessageType reply, Dhcp6Packet packet,
                         boolean relayed, boolean toSourcePort, Dhcp6Link link) implements Outcome {}

    public record Dropped(Optional<Dhcp6MessageType> request, Dhcp6Drop reason, String detail) implements Outcome {}

    public Outcome respond(byte[] datagram, Optional<String> ingressInterface) {
        Dhcp6Packet packet;
        List<Dhcp6Packet.Relay> relays = new ArrayList<>();
        try {
            packet = Dhcp6Codec.decode(datagram);
            while (packet instanceof Dhcp6Packet.Relay relay) {
                if (relay.type() != Dhcp6MessageType.RELAY_FORW.value()) {
                    return new Dropped(Optional.empty(), Dhcp6Drop.NOT_A_REQUEST, "a RELAY-REPL sent to a server");
                }
                relays.add(relay);
                packet = relay.relayed();
            }
        } catch (Dhcp6DecodeException e) {
            return new Dropped(Optional.empty(), Dhcp6Drop.MALFORMED, e.getMessage());
        }
        var message = (Dhcp6Packet.Message) packet;
        Optional<Dhcp6MessageType> type = Dhcp6MessageType.of(message.type());
        Optional<Dhcp6Link> link = relays.isEmpty() ? directLink(ingressInterface) : relayedLink(relays);
        try {
            Outcome outcome = type.map(t -> decide(t, message, link)).orElseGet(() ->
                    new Dropped(type, Dhcp6Drop.NOT_A_REQUEST, "message type " + message.type()));
            if (outcome instanceof Answer answer && !relays.isEmpty()) {
                return new Answer(type, answer.reply(), wrap(answer.packet(), relays), true,
                        relays.getFirst().option(Dhcp6Options.RELAY_SOURCE_PORT).isPresent(), answer.link());
            }
            return outcome;
        } catch (Dhcp6DecodeException e) {
            return new Dropped(type, Dhcp6Drop.MALFORMED, e.getMessage());
        }
    }

    private Outcome decide(Dhcp6MessageType type, Dhcp6Packet.Message request, Optional<Dhcp6Link> link) {
        Optional<Dhcp6Option> clientId = request.option(CLIENTID);
        Optional<Dhcp6Option> serverId = request.option(SERVERID);
        Optional<Dhcp6MessageType> known = Optional.of(type);
        if (SENT_BY_SERVERS_AND_RELAYS.contains(type)) {
            return new Dropped(known, Dhcp6Drop.NOT_A_REQUEST, type + " is not sent to servers");
        }
        // RFC 8415 §16: what each type must and must not carry; a message that fails is discarded.
        String invalid = switch (type) {
            case SOLICIT, CONFIRM, REBIND -> clientId.isEmpty() ? "no Client Identifier"
                    : serverId.isPresent() ? "a Server Identifier it must not carry" : null;
            case REQUEST, RENEW, RELEASE, DECLINE -> clientId.isEmpty() ? "no Client Identifier"
                    : serverId.isEmpty() ? "no Server Identifier" : null;
            case INFORMATION_REQUEST -> Dhcp6Options.IA_OPTIONS.stream().anyMatch(c -> request.option(c).isPresent())
                    ? "an identity association in an Information-request" : null;
            case ADVERTISE, REPLY, RECONFIGURE, RELAY_FORW, RELAY_REPL -> throw new IllegalStateException(type.name());
        };
        if (invalid != null) {
            return new Dropped(known, Dhcp6Drop.INVALID, invalid);
        }
        if (serverId.isPresent() && !serverDuid.matches(serverId.get().data())) {
            return new Dropped(known, Dhcp6Drop.OTHER_SERVER, "Server Identifier " + serverId.get());
        }
        if (link.isEmpty()) {
            return new Dropped(known, Dhcp6Drop.NO_LINK, "no configured link");
        }
        Dhcp6Link on = link.get();
        return switch (type) {
            case INFORMATION_REQUEST -> answer(known, Dhcp6MessageType.REPLY, request, on, configuration(request, on));
            case SOLICIT -> answer(known, Dhcp6MessageType.ADVERTISE, request, on,
                    List.of(Dhcp6Options.status(StatusCode.NO_ADDRS_AVAIL, NO_ADDRESSES)));
            case REQUEST -> answer(known, Dhcp6MessageType.REPLY, request, on, eachIa(request, null));
            case RENEW -> answer(known, Dhcp6MessageType.REPLY, request, on, eachIa(request, StatusCode.NO_BINDING));
            case RELEASE, DECLINE -> {
                List<Dhcp6Option> options = new ArrayList<>(eachIa(request, StatusCode.NO_BINDING));
                options.add(Dhcp6Options.status(StatusCode.SUCCESS, "nothing was bound here"));
                yield answer(known, Dhcp6MessageType.REPLY, request, on, options);
            }
            case CONFIRM -> confirm(known, request, on);
            // §18.3.5: with no binding and no zero lifetimes to send, a server discards a Rebind.
            case REBIND -> new Dropped(known, Dhcp6Drop.SILENT, "no binding to rebind");
            case ADVERTISE, REPLY, RECONFIGURE, RELAY_FORW, RELAY_REPL -> throw new IllegalStateException(type.name());
        };
    }

    /** §18.3.3: Success when every address is on the link, NotOnLink when one is not, silence when there are none. */
    private Outcome confirm(Optional<Dhcp6MessageType> type, Dhcp6Packet.Message request, Dhcp6Link link) {
        List<Inet6Address> addresses = new ArrayList<>();
        for (Dhcp6Option option : request.options()) {
            if (Dhcp6Options.IA_OPTIONS.contains(option.code())) {
                addresses.addAll(Dhcp6Options.identityAssociation(option).addresses());
            }
        }
        if (addresses.isEmpty()) {
            return new Dropped(type, Dhcp6Drop.SILENT, "a Confirm without addresses");
        }
        boolean onLink = addresses.stream().allMatch(link.prefix()::contains);
        return answer(type, Dhcp6MessageType.REPLY, request, link, List.of(onLink
                ? Dhcp6Options.status(StatusCode.SUCCESS, "all addresses are on " + link.prefix())
                : Dhcp6Options.status(StatusCode.NOT_ON_LINK, "an address is not on " + link.prefix())));
    }

    /**
     * Every identity association of the request, empty, with {@code status}; {@code null}: the
     * status a server with nothing to assign gives (NoAddrsAvail, NoPrefixAvail for IA_PD).
     */
    private static List<Dhcp6Option> eachIa(Dhcp6Packet.Message request, StatusCode status) {
        List<Dhcp6Option> out = new ArrayList<>();
        for (Dhcp6Option option : request.options()) {
            if (Dhcp6Options.IA_OPTIONS.contains(option.code())) {
                StatusCode code = status != null ? status
                        : option.code() == Dhcp6Options.IA_PD ? StatusCode.NO_PREFIX_AVAIL : StatusCode.NO_ADDRS_AVAIL;
                out.add(Dhcp6Options.identityAssociationWithStatus(Dhcp6Options.identityAssociation(option), code,
                        code == StatusCode.NO_BINDING ? "no binding here" : NO_ADDRESSES));
            }
        }
        return out;
    }

    /**
     * What the client asked for in its Option Request option and the link has, in the order asked:
     * DNS servers, search list, NTP servers (as option 56 or 31) and the refresh time.
     */
    private static List<Dhcp6Option> configuration(Dhcp6Packet.Message request, Dhcp6Link link) {
        List<Dhcp6Option> out = new ArrayList<>();
        List<Integer> asked = request.option(Dhcp6Options.ORO).map(Dhcp6Options::requested).orElse(List.of());
        for (int code : asked) {
            switch (code) {
                case Dhcp6Options.DNS_SERVERS -> {
                    if (!link.dnsServers().isEmpty()) {
                        out.add(Dhcp6Options.addresses(code, link.dnsServers()));
                    }
                }
                case Dhcp6Options.DOMAIN_LIST -> {
                    if (!link.domainSearch().isEmpty()) {
                        out.add(Dhcp6Options.domainList(link.domainSearch()));
                    }
                }
                case Dhcp6Options.NTP_SERVER -> {
                    if (!link.ntpServers().isEmpty()) {
                        out.add(Dhcp6Options.ntpServers(link.ntpServers()));
                    }
                }
                case Dhcp6Options.SNTP_SERVERS -> {
                    if (!link.ntpServers().isEmpty()) {
                        out.add(Dhcp6Options.addresses(code, link.ntpServers()));
                    }
                }
                case Dhcp6Options.INFORMATION_REFRESH_TIME -> link.informationRefresh().ifPresent(refresh ->
                        out.add(Dhcp6Options.uint32(code, Math.min(refresh.toSeconds(), 0xFFFFFFFFL))));
                default -> { }
            }
        }
        return out;
    }

    private Outcome answer(Optional<Dhcp6MessageType> request, Dhcp6MessageType reply, Dhcp6Packet.Message to,
                           Dhcp6Link link, List<Dhcp6Option> body) {
        List<Dhcp6Option> options = new ArrayList<>(body.size() + 2);
        options.add(new Dhcp6Option(SERVERID, serverDuid.bytes()));
        to.option(CLIENTID).ifPresent(options::add);
        options.addAll(body);
        return new Answer(request, reply, new Dhcp6Packet.Message(reply, to.transactionId(), options), false, false, link);
    }

    /**
     * The reply inside one RELAY-REPL per RELAY-FORW it came through, innermost first (RFC 8415
     * §19.3): each with its relay's hop count, link and peer addresses, and its Interface-Id.
     */
    private static Dhcp6Packet wrap(Dhcp6Packet reply, List<Dhcp6Packet.Relay> relays) {
        Dhcp6Packet wrapped = reply;
        for (Dhcp6Packet.Relay relay : relays.reversed()) {
            List<Dhcp6Option> options = new ArrayList<>(2);
            relay.option(Dhcp6Options.INTERFACE_ID).ifPresent(options::add);
            options.add(new Dhcp6Option(Dhcp6Options.RELAY_MSG, Dhcp6Codec.encode(wrapped)));
            wrapped = new Dhcp6Packet.Relay(Dhcp6MessageType.RELAY_REPL.value(), relay.hopCount(), relay.linkAddress(),
                    relay.peerAddress(), options);
        }
        return wrapped;
    }

    private Optional<Dhcp6Link> directLink(Optional<String> ingressInterface) {
        return ingressInterface.flatMap(name -> links.stream()
                .filter(l -> l.interfaceName().filter(name::equals).isPresent()).findFirst());
    }

    /** RFC 8415 §13.1: the link-address of the relay nearest the client that set one. */
    private Optional<Dhcp6Link> relayedLink(List<Dhcp6Packet.Relay> relays) {
        for (Dhcp6Packet.Relay relay : relays.reversed()) {
            if (!relay.linkAddress().isAnyLocalAddress()) {
                return links.stream().filter(l -> l.prefix().contains(relay.linkAddress())).findFirst();
            }
        }
        return Optional.empty();
    }
}
