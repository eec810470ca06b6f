package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.store.AxonStore;
import io.leaseledger.subnet.Subnet;

import java.time.Instant;
import java.util.List;

/** A served /16 in the test range and the DHCP clients that talk to it. */
final class SubnetFixture {
    static final Cidr CIDR = Cidr.parse("198.18.0.0/16");
    static final SubnetId SUBNET = SubnetId.of(CIDR);
    static final Ipv4Address SERVER = Ipv4Address.parse("198.18.0.1");
    static final AddressRange POOL = AddressRange.of("198.18.1.0", "198.18.255.254");

    private SubnetFixture() {}

    static List<Class<?>> aggregates() {
        return List.of(Subnet.class);
    }

    /** Defines the subnet with its dynamic pool (the configuration reaches the aggregate as commands). */
    static void define(AxonStore store, Instant at) {
        store.commandGateway().sendAndWait(DefineSubnet.of(CIDR, SubnetSettings.defaults(), at));
        store.commandGateway().sendAndWait(new AddRange(SUBNET, POOL, RangeKind.DYNAMIC, at));
    }

    /** Client {@code n}: a distinct Ethernet address, directly connected. */
    static ClientIdentity client(int n) {
        return ClientIdentity.of(MacAddress.ethernet(new byte[] {0x02, 0x00, (byte) (n >>> 24), (byte) (n >>> 16),
                (byte) (n >>> 8), (byte) n}));
    }

    static ClientMessage discover(int n) {
        return ClientMessage.discover(client(n), TransactionId.of(n), SERVER, null, Delivery.BROADCAST);
    }

    static ClientMessage request(int n, Ipv4Address offered) {
        return ClientMessage.selecting(client(n), TransactionId.of(n), SERVER, SERVER, offered, Delivery.BROADCAST);
    }
}
