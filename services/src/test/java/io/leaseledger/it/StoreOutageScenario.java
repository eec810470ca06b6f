package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.MacAddress;
import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.RelayedLoadLan;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ScapyClient;
import io.leaseledger.it.harness.ServerDatabases;
import io.leaseledger.projections.LeaseState;
import io.leaseledger.projections.query.Lease;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.subnet.HeldLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store under a serving node goes away, and later comes back (a disk that ran full has room
 * again, a PostgreSQL that restarted answers again): the node keeps running, answers no request
 * it could not commit, and once the store is back it leases again by itself, without a restart;
 * every ACK seen on the wire, before, during and after, is held by its client in the event log,
 * and the projections, which went through the outage too, show every one of those leases.
 * A perfdhcp load (300 DORA/s) runs through it all; what takes the store away is the subclass's.
 */
@Tag("netns")
@Timeout(420)
abstract class StoreOutageScenario {
    private static final long REPLY_BYTES_BEFORE_OUTAGE = 256 * 1024;
    private static final Duration LOAD_RAMP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern COMMIT_FAILED = Pattern.compile("decision on \\S+ failed, no reply");
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Duration LISTEN = Duration.ofSeconds(3);

    @RegisterExtension
    final Lab lab = new Lab();

    /** Where the server keeps its event store and projections, and how the test takes them away and gives them back. */
    interface StoreOutage {
        ServerDatabases databases();

        /** Takes the store away from the running server. */
        void begin();

        /** Gives it back. */
        void end();
    }

    /** Made before the server starts, reachable from {@code serverNs}. */
    abstract StoreOutage storeOutage(Lab lab, NetworkNamespace serverNs);

    /** Skips the test when what the outage needs is missing (beyond the databases, which skip when they are made). */
    void assumeOutageIsPossible() {
    }

    /** How long the store stays away once the server has failed its first commit. */
    Duration outageAfterTheFirstFailure() {
        return Duration.ofSeconds(2);
    }

    @BeforeEach
    void requirements() {
        Requirements.assumeRootAndTools("ip", "perfdhcp", "tcpdump", "tshark");
        Requirements.assumeScapy();
        assumeOutageIsPossible();
    }

    @Test
    void aNodeWhoseStoreWentAwayLeasesAgainOnceItIsBackAndKeepsEveryLeaseItAcknowledged() {
        RelayedLoadLan net = RelayedLoadLan.create(lab);
        StoreOutage outage = storeOutage(lab, net.serverNs());
        LeaseLedgerServer server = net.leaseLedger("commit", outage.databases(), CrashRecoveryIT.SUBNET);
        PacketCapture capture = net.captureReplies();
        ChildProcess load = net.perfdhcp("perfdhcp-load", "-r", "300", "-R", "20000", "-p", "120");
        load.awaitOrFail(REPLY_BYTES_BEFORE_OUTAGE + " bytes of replies on the wire", LOAD_RAMP_LIMIT,
                () -> capture.file().toFile().length() >= REPLY_BYTES_BEFORE_OUTAGE);

        outage.begin();
        server.process().awaitLine(COMMIT_FAILED, RECOVERY_LIMIT);
        RelayedLoadLan.pause(outageAfterTheFirstFailure()); // the load goes on against the missing store
        assertThat(server.process().isAlive()).as("the server, its store gone").isTrue();

        outage.end();
        ScapyClient client = lab.scapy(net.relayNic());
        DhcpReply ack = leaseOnceTheStoreIsBack(client, "02:ee:00:00:00:01");
        assertThat(ack.messageType()).as("a new client's lease once the store is back: %s", ack).isEqualTo(DhcpReply.ACK);
        RelayedLoadLan.pause(Duration.ofSeconds(2)); // and the load is answered again
        load.close();
        server.close();

        List<CrashRecoveryIT.Ack> acks = CrashRecoveryIT.acks(capture);
        Map<String, String> leased = CrashRecoveryIT.oneClientPerAddress(acks);
        assertThat(leased).as("the stranger's lease, ACKed after the store came back").containsKey(ack.yiaddr());
        Map<String, HeldLease> held = CrashRecoveryIT.heldLeases(server, "commit").stream()
                .collect(Collectors.toMap(l -> l.address().toString(), Function.identity()));
        List<String> lost = new ArrayList<>();
        leased.forEach((address, chaddr) -> {
            HeldLease lease = held.get(address);
            if (lease == null || !lease.chaddr().equals(MacAddress.parse(chaddr))) {
                lost.add(address + " ACKed to " + chaddr + " but held as " + lease);
            }
        });
        assertThat(lost).as("leases ACKed on the wire (%d) but not in the event log", leased.size()).isEmpty();

        // The projections went through the outage too, their batches failing and tried again: with what they
        // had not applied when the server stopped (a poll's worth), they show every lease the event log holds.
        try (StoppedServerStores stopped = StoppedServerStores.of(server)) {
            stopped.readSide().tail().catchUp();
            LeaseQueries queries = stopped.readSide().queries();
            List<String> unseen = new ArrayList<>();
            held.values().forEach(lease -> {
                Optional<Lease> row = queries.currentLease(lease.address().toString());
                if (row.isEmpty() || row.get().state() != LeaseState.BOUND || !MacAddress.parse(row.get().mac()).equals(lease.chaddr())) {
                    unseen.add(lease.address() + " held by " + lease.chaddr() + " but in current_lease as " + row);
                }
            });
            assertThat(unseen).as("leases in the event log (%d) that the projections do not show", held.size()).isEmpty();
        }
        System.out.printf("%s: %d leases ACKed, all held; %s%n", getClass().getSimpleName(), leased.size(),
                capture.tcpdumpStatistics());
    }

    /** DISCOVER and REQUEST for {@code mac} until an ACK comes (the first commit after the store is back). */
    private static DhcpReply leaseOnceTheStoreIsBack(ScapyClient client, String mac) {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        int xid = 0x0d15c000;
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            try {
                DhcpReply offer = client.reply(DhcpMessage.discover(mac, ++xid), LISTEN);
                return client.reply(DhcpMessage.request(mac, ++xid, offer.yiaddr(), offer.serverId()), LISTEN);
            } catch (AssertionError silence) {
                last = silence;
            }
        }
        throw new AssertionError("no lease within " + RECOVERY_LIMIT + " of the store coming back", last);
    }
}
