package io.leaseledger.projections;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds a stream of stored events the way the Subnet aggregate would, numbered per subnet. */
final class EventLog {
    private final List<StoredEvent> events = new ArrayList<>();
    private final Map<String, Long> sequence = new HashMap<>();
    private int xid = 1;

    static ClientIdentity client(String mac, String hostname) {
        return new ClientIdentity(MacAddress.parse(mac), null, hostname == null ? null : Hostname.of(hostname), null,
                RelayAgent.of(Ipv4Address.parse("198.18.3.1")));
    }

    EventLog add(SubnetEvent event) {
        String subnet = event.subnetId().value();
        long seq = sequence.merge(subnet, 1L, Long::sum) - 1;
        events.add(new StoredEvent("ev-" + subnet + "-" + seq, subnet, seq, event.at(), event));
        return this;
    }

    EventLog define(String cidr, Instant at) {
        return add(new SubnetDefined(new SubnetId(cidr), Cidr.parse(cidr), SubnetSettings.defaults(), at));
    }

    EventLog range(String cidr, String first, String last, RangeKind kind, Instant at) {
        return add(new RangeAdded(new SubnetId(cidr), AddressRange.of(first, last), kind, at));
    }

    EventLog offer(String cidr, String address, ClientIdentity client, Instant at) {
        return add(new LeaseOffered(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++), at,
                LeaseTime.ofSeconds(600), at.plusSeconds(30)));
    }

    EventLog grant(String cidr, String address, ClientIdentity client, GrantKind kind, Instant at, long seconds) {
        return add(new LeaseGranted(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++), at,
                kind, LeaseTime.ofSeconds(seconds), at.plusSeconds(seconds)));
    }

    EventLog release(String cidr, String address, ClientIdentity client, Instant at) {
        return add(new LeaseReleased(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++), at));
    }

    EventLog expire(String cidr, String address, ClientIdentity client, Instant expiredAt, Instant reclaimedAt) {
        return add(new LeaseExpired(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++),
                reclaimedAt, expiredAt));
    }

    EventLog decline(String cidr, String address, ClientIdentity client, Instant at, Instant probationUntil) {
        return add(new AddressDeclined(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++),
                at, probationUntil));
    }

    EventLog probationEnded(String cidr, String address, ClientIdentity client, Instant at) {
        return add(new ProbationEnded(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++), at));
    }

    EventLog nak(String cidr, String address, ClientIdentity client, Instant at) {
        return add(new RequestRefused(new SubnetId(cidr), Ipv4Address.parse(address), client, TransactionId.of(xid++),
                at, RequestState.INIT_REBOOT, NakReason.ADDRESS_NOT_ON_SUBNET));
    }

    List<StoredEvent> events() {
        return List.copyOf(events);
    }
}
