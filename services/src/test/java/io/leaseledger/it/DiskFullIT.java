package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.MacAddress;
import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.DiskFiller;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.PowerCutDisk;
import io.leaseledger.it.harness.RelayedLoadLan;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ScapyClient;
import io.leaseledger.it.harness.ServerDatabases;
import io.leaseledger.subnet.HeldLease;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The disk under a serving node runs full, and later has room again (a log rotated, a backup
 * moved): the node keeps running, answers no request it could not commit, and once there is
 * room it leases again by itself, without a restart; every ACK seen on the wire, before, during
 * and after, is held by its client in the event log.
 *
 * <p>The server's data directory (its H2 event store and projections) is an ext4 of its own
 * ({@link PowerCutDisk}, used here only as a small private file system), filled to its last
 * block by {@link DiskFiller} in the middle of a perfdhcp load. H2 closes its database at the
 * first write that fails; the store's pool throws such connections away
 * ({@code ClosedH2DatabaseEviction}) and a new one opens the file again.
 * {@link DiskFullOnPostgresIT} does the same to a PostgreSQL store.
 */
@Tag("netns")
@Timeout(420)
class DiskFullIT {
    private static final long REPLY_BYTES_BEFORE_FULL = 256 * 1024;
    private static final Duration LOAD_RAMP_LIMIT = Duration.ofSeconds(60);
    private static final Pattern COMMIT_FAILED = Pattern.compile("decision on \\S+ failed, no reply");
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(60);
    private static final Duration LISTEN = Duration.ofSeconds(3);

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeRootAndTools("ip", "perfdhcp", "tcpdump", "tshark", "fallocate");
        Requirements.assumeScapy();
        PowerCutDisk.assumeAvailable();
    }

    @Test
    void aNodeWhoseDiskRanFullLeasesAgainOnceThereIsRoomAndKeepsEveryLeaseItAcknowledged() {
        RelayedLoadLan net = RelayedLoadLan.create(lab);
        StoresOnDisk stores = storesOnADiskOfTheirOwn(lab, net.serverNs());
        LeaseLedgerServer server = net.leaseLedger("commit", stores.databases(), CrashRecoveryIT.SUBNET);
        PacketCapture capture = net.captureReplies();
        ChildProcess load = net.perfdhcp("perfdhcp-load", "-r", "300", "-R", "20000", "-p", "120");
        load.awaitOrFail(REPLY_BYTES_BEFORE_FULL + " bytes of replies on the wire", LOAD_RAMP_LIMIT,
                () -> capture.file().toFile().length() >= REPLY_BYTES_BEFORE_FULL);

        DiskFiller filler = DiskFiller.fill(stores.disk().mountPoint().resolve("filler"));
        server.process().awaitLine(COMMIT_FAILED, RECOVERY_LIMIT);
        RelayedLoadLan.pause(Duration.ofSeconds(2)); // the load goes on against the full disk
        assertThat(server.process().isAlive()).as("the server, with its disk full").isTrue();

        filler.free();
        ScapyClient client = lab.scapy(net.relayNic());
        DhcpReply ack = leaseOnceThereIsRoom(client, "02:ee:00:00:00:01");
        assertThat(ack.messageType()).as("a new client's lease once the disk has room: %s", ack).isEqualTo(DhcpReply.ACK);
        RelayedLoadLan.pause(Duration.ofSeconds(2)); // and the load is answered again
        load.close();
        server.close();

        List<CrashRecoveryIT.Ack> acks = CrashRecoveryIT.acks(capture);
        Map<String, String> leased = CrashRecoveryIT.oneClientPerAddress(acks);
        assertThat(leased).as("the stranger's lease, ACKed after the disk had room").containsKey(ack.yiaddr());
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
        System.out.printf("disk full: %d leases ACKed, all held; %s%n", leased.size(), capture.tcpdumpStatistics());
    }

    /** The disk the test fills, and where the server keeps its event store and projections on it. */
    record StoresOnDisk(PowerCutDisk disk, ServerDatabases databases) {}

    /**
     * Here the server's data directory, its H2 files, on a disk of its own; its log stays on the
     * test's disk, where the test can read what it logs while its own disk is full.
     */
    StoresOnDisk storesOnADiskOfTheirOwn(Lab lab, NetworkNamespace serverNs) {
        return new StoresOnDisk(lab.powerCutDisk("server/data"), ServerDatabases.h2());
    }

    /** DISCOVER and REQUEST for {@code mac} until an ACK comes (the server reopens its store on the first commit after the disk has room). */
    private static DhcpReply leaseOnceThereIsRoom(ScapyClient client, String mac) {
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
        throw new AssertionError("no lease within " + RECOVERY_LIMIT + " of the disk having room again", last);
    }
}
