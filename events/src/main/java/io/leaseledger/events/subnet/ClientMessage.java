package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.TransactionId;

/**
 * One decoded client packet, as much of it as the lease decision needs. Optional fields are
 * null when the packet lacks them.
 *
 * @param kind               DISCOVER, REQUEST, DECLINE or RELEASE
 * @param client             who sent it
 * @param transactionId      the packet's xid
 * @param ourServerId        the server identifier this server uses towards this client (the
 *                           address of the interface, or the one configured): a SELECTING
 *                           REQUEST is for us when its option 54 equals this
 * @param serverIdentifier   option 54 as the client sent it, or null
 * @param requestedAddress   option 50, or null
 * @param ciaddr             the packet's ciaddr; {@link Ipv4Address#ANY} when zero
 * @param requestedLeaseTime option 51, or null
 * @param delivery           how the packet reached us (tells RENEWING from REBINDING)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientMessage(
        MessageKind kind,
        ClientIdentity client,
        TransactionId transactionId,
        Ipv4Address ourServerId,
        Ipv4Address serverIdentifier,
        Ipv4Address requestedAddress,
        Ipv4Address ciaddr,
        LeaseTime requestedLeaseTime,
        Delivery delivery) {

    public ClientMessage {
        if (kind == null || client == null || transactionId == null || ourServerId == null || delivery == null) {
            throw new IllegalArgumentException("kind, client, transactionId, ourServerId and delivery are required");
        }
        if (ciaddr == null) {
            ciaddr = Ipv4Address.ANY;
        }
    }

    /** Whether option 54 names another server (a SELECTING REQUEST, DECLINE or RELEASE not for us). */
    @JsonIgnore
    public boolean isForAnotherServer() {
        return serverIdentifier != null && !serverIdentifier.equals(ourServerId);
    }

    /** RFC 2131 §4.3.2: which client state a REQUEST comes from. See {@link RequestState}. */
    public RequestState requestState() {
        if (serverIdentifier != null) {
            return requestedAddress != null ? RequestState.SELECTING : RequestState.INVALID;
        }
        if (!ciaddr.isAny()) {
            return delivery == Delivery.UNICAST ? RequestState.RENEWING : RequestState.REBINDING;
        }
        return requestedAddress != null ? RequestState.INIT_REBOOT : RequestState.INVALID;
    }

    // Factories for the common shapes; the wire adapter may as well call the constructor.

    public static ClientMessage discover(ClientIdentity client, TransactionId xid, Ipv4Address ourServerId,
                                         Ipv4Address requested, Delivery delivery) {
        return new ClientMessage(MessageKind.DISCOVER, client, xid, ourServerId, null, requested, Ipv4Address.ANY,
                null, delivery);
    }

    public static ClientMessage selecting(ClientIdentity client, TransactionId xid, Ipv4Address ourServerId,
                                          Ipv4Address selectedServer, Ipv4Address requested, Delivery delivery) {
        return new ClientMessage(MessageKind.REQUEST, client, xid, ourServerId, selectedServer, requested,
                Ipv4Address.ANY, null, delivery);
    }

    public static ClientMessage initReboot(ClientIdentity client, TransactionId xid, Ipv4Address ourServerId,
                                           Ipv4Address requested, Delivery delivery) {
        return new ClientMessage(MessageKind.REQUEST, client, xid, ourServerId, null, requested, Ipv4Address.ANY,
                null, delivery);
    }

    /** RENEWING when {@code delivery} is UNICAST, REBINDING otherwise. */
    public static ClientMessage extend(ClientIdentity client, TransactionId xid, Ipv4Address ourServerId,
                                       Ipv4Address ciaddr, Delivery delivery) {
        return new ClientMessage(MessageKind.REQUEST, client, xid, ourServerId, null, null, ciaddr, null, delivery);
    }

    public static ClientMessage decline(ClientIdentity client, TransactionId xid, Ipv4Address ourServerId,
                                        Ipv4Address declined, Delivery delivery) {
        return new ClientMessage(MessageKind.DECLINE, client, xid, ourServerId, ourServerId, declined,
                Ipv4Address.ANY, null, delivery);
    }

    public static ClientMessage release(ClientIdentity client, TransactionId xid, Ipv4Address ourServerId,
                                        Ipv4Address ciaddr) {
        return new ClientMessage(MessageKind.RELEASE, client, xid, ourServerId, ourServerId, null, ciaddr, null,
                Delivery.UNICAST);
    }

    public ClientMessage withRequestedLeaseTime(LeaseTime value) {
        return new ClientMessage(kind, client, transactionId, ourServerId, serverIdentifier, requestedAddress, ciaddr,
                value, delivery);
    }
}
