package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseReleased;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read-only view of the leases a subnet holds: leases only, in address order, a copy. */
class HeldLeasesTest {

    @Test
    void listsGrantedLeasesInAddressOrderButNotOffersReleasesOrProbations() {
        Subnet subnet = new Subnet();
        subnet.on(defined());
        subnet.on(dynamic("198.18.0.10-198.18.0.20"));
        subnet.on(offered("198.18.0.12", BOB, T0));
        subnet.on(granted("198.18.0.12", BOB, T0, GrantKind.NEW));
        subnet.on(offered("198.18.0.10", ALICE, T0));
        subnet.on(granted("198.18.0.10", ALICE, T0, GrantKind.NEW));
        subnet.on(offered("198.18.0.11", CAROL, T0));
        subnet.on(granted("198.18.0.11", CAROL, T0, GrantKind.NEW));
        subnet.on(new LeaseReleased(SUBNET, ip("198.18.0.11"), CAROL, XID, t(5)));
        subnet.on(new AddressDeclined(SUBNET, ip("198.18.0.13"), CAROL, XID, t(6), t(3600)));
        subnet.on(offered("198.18.0.14", client("02:00:00:00:00:0d"), t(7)));

        List<HeldLease> held = subnet.heldLeases();

        assertThat(held).extracting(HeldLease::address).containsExactly(ip("198.18.0.10"), ip("198.18.0.12"));
        assertThat(held.getFirst().client()).isEqualTo(ALICE.key());
        assertThat(held.getFirst().chaddr()).isEqualTo(ALICE.chaddr());
        assertThat(held.getFirst().expiresAt()).isEqualTo(T0.plusSeconds(LEASE.seconds()));
    }

    @Test
    void isACopyTheCallerCannotChange() {
        Subnet subnet = new Subnet();
        subnet.on(defined());
        subnet.on(dynamic("198.18.0.10-198.18.0.20"));
        subnet.on(granted("198.18.0.10", ALICE, T0, GrantKind.NEW));

        List<HeldLease> held = subnet.heldLeases();
        subnet.on(new LeaseReleased(SUBNET, ip("198.18.0.10"), ALICE, XID, t(5)));

        assertThat(held).hasSize(1);
        assertThat(subnet.heldLeases()).isEmpty();
        assertThatThrownBy(() -> held.add(held.getFirst())).isInstanceOf(UnsupportedOperationException.class);
    }
}
