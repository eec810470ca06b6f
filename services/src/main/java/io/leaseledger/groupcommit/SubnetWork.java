package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.PartnerEvent;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;

import java.util.List;
import java.util.Objects;

/**
 * What waits in a subnet's mailbox: a client packet to decide, a reclaim of expired leases, a device
 * seen using an address of the pool, another DHCP server heard, a device heard on the link, or the HA
 * partner's events to take in.
 */
public sealed interface SubnetWork {

    /** A decoded client message; consecutive ones are decided by one {@code DecideClientMessages}. */
    record Packet(ClientMessage message) implements SubnetWork {
        public Packet {
            Objects.requireNonNull(message, "message");
        }
    }

    /** One {@code ReclaimExpiredLeases} with this batch limit, serialised with the packets. */
    record Reclaim(int batchLimit) implements SubnetWork {
        public Reclaim {
            if (batchLimit < 1) {
                throw new IllegalArgumentException("batch limit must be at least 1, got " + batchLimit);
            }
        }
    }

    /**
     * A device seen using an address of the subnet: one {@code ReportAddressInUse}, serialised with
     * the packets; {@code mac} null when it only answered an ICMP echo.
     */
    record Sighting(Ipv4Address address, MacAddress mac) implements SubnetWork {
        public Sighting {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * Another DHCP server heard on a link of the subnet: one {@code ReportForeignDhcpServer}, serialised
     * with the packets. Null {@code sourceMac} and {@code offered} as in the command.
     */
    record ForeignServer(String iface, Ipv4Address server, Ipv4Address sourceAddress, MacAddress sourceMac,
                         String messageType, MacAddress client, Ipv4Address offered) implements SubnetWork {
        public ForeignServer {
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(sourceAddress, "sourceAddress");
            Objects.requireNonNull(messageType, "messageType");
            Objects.requireNonNull(client, "client");
        }
    }

    /**
     * A device heard on a link of the subnet (network discovery): one {@code ReportDeviceSeen}, serialised
     * with the packets; {@code hostname} the name it announced by mDNS, null when heard by ARP.
     */
    record Device(String iface, Ipv4Address address, MacAddress mac, Hostname hostname) implements SubnetWork {
        public Device {
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(mac, "mac");
        }
    }

    /** The HA partner's events on the subnet, in its order: one {@code ReplicatePartnerEvents}, serialised with the packets. */
    record Replicate(String partner, List<PartnerEvent> events) implements SubnetWork {
        public Replicate {
            Objects.requireNonNull(partner, "partner");
            events = List.copyOf(events);
        }
    }

    /** The committed result of one piece of work. */
    sealed interface Result {
    }

    record Decided(Decision decision) implements Result {
    }

    record Reclaimed(ReclaimOutcome outcome) implements Result {
    }

    record Observed(InUseOutcome outcome) implements Result {
    }

    /** How many of the partner's events the subnet applied. */
    record Replicated(int applied) implements Result {
    }

    /** Whether the subnet recorded another server or a device heard (it does while it is served). */
    record Recorded(boolean recorded) implements Result {
    }
}
