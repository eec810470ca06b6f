package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.ReclaimExpiredLeases;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.testing.Databases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregate on the real store (H2 file, caching repository, snapshots): leases decided in
 * batches survive a restart, from events and from a snapshot alike.
 */
class SubnetOnAxonStoreTest {

    @TempDir
    Path data;

    private static ClientIdentity machine(int n) {
        return ClientIdentity.of(MacAddress.parse(String.format("02:00:00:00:%02x:%02x", n >> 8, n & 0xFF)));
    }

    private static AxonStore start(StoreSettings settings) {
        return AxonStore.start(settings, List.of(Subnet.class));
    }

    @Test
    void leasesDecidedInBatchesSurviveARestart() throws Exception {
        StoreSettings settings = StoreSettings.h2(data).withSnapshots(new StoreSettings.Snapshots(true, 20, 1.0, 1));
        Map<ClientIdentity, Ipv4Address> leased = new HashMap<>();
        try (AxonStore store = start(settings)) {
            var gateway = store.commandGateway();
            gateway.sendAndWait(DefineSubnet.of(CIDR, SETTINGS, T0));
            gateway.sendAndWait(new AddRange(SUBNET, AddressRange.parse("198.18.0.10-198.18.0.250"), RangeKind.DYNAMIC, T0));
            for (int batch = 0; batch < 10; batch++) {
                List<ClientMessage> discovers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    discovers.add(discover(machine(batch * 8 + i)));
                }
                List<Decision> offers = gateway.sendAndWait(new DecideClientMessages(SUBNET, discovers, t(batch)));
                List<ClientMessage> requests = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    requests.add(select(machine(batch * 8 + i), ((Decision.Offer) offers.get(i)).address().toString()));
                }
                List<Decision> acks = gateway.sendAndWait(new DecideClientMessages(SUBNET, requests, t(batch)));
                for (int i = 0; i < 8; i++) {
                    var ack = (Decision.Ack) acks.get(i);
                    assertThat(ack.grantKind()).isEqualTo(GrantKind.NEW);
                    leased.put(machine(batch * 8 + i), ack.address());
                }
            }
            // Snapshots are taken once the subnet is quiet; a stop drops those not yet started.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (store.snapshotsTaken() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        assertThat(leased.values()).doesNotHaveDuplicates().hasSize(80);
        assertThat(Databases.committedSnapshots(settings, SUBNET.toString())).isPositive();

        try (AxonStore store = start(settings)) {
            var gateway = store.commandGateway();
            List<ClientMessage> renewals = new ArrayList<>();
            leased.forEach((client, address) -> renewals.add(renew(client, address.toString())));
            List<Decision> decisions = gateway.sendAndWait(new DecideClientMessages(SUBNET, renewals, t(100)));
            assertThat(decisions).allSatisfy(d -> assertThat(d).isInstanceOf(Decision.Ack.class));

            List<Decision> stranger = gateway.sendAndWait(DecideClientMessages.of(SUBNET, t(101), discover(machine(999))));
            assertThat(((Decision.Offer) stranger.getFirst()).address()).isNotIn(leased.values());

            ReclaimOutcome outcome = gateway.sendAndWait(new ReclaimExpiredLeases(SUBNET, t(100 + 600), 50));
            // The stranger's offer (held until t(131)) is older than every lease (ending at t(700)).
            assertThat(outcome).isEqualTo(new ReclaimOutcome(49, 0, 1, true));
        }
    }
}
