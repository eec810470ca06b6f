package io.leaseledger.it.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The load tests' network: the server's namespace with a bridge at {@link #SERVER}/16, and
 * perfdhcp's namespace plugged into it at {@link #RELAY}/16. perfdhcp acts as a relay (giaddr =
 * its address, which selects the subnet; the server unicasts its replies to it on port 67), as in
 * {@code ../shared/bench/dhcp-perf.sh}.
 */
public record RelayedLoadLan(Lab lab, NetworkNamespace serverNs, Segment lan, VethLink.End relayNic) {
    public static final String SERVER = "198.18.0.1";
    /** perfdhcp's address: its giaddr. */
    public static final String RELAY = "198.18.0.2";

    public static RelayedLoadLan create(Lab lab) {
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, SERVER + "/16");
        VethLink.End relayNic = lan.attach(lab.namespace("c")).address(RELAY + "/16");
        return new RelayedLoadLan(lab, serverNs, lan, relayNic);
    }

    /** 198.18.0.0/16 served by {@link #SERVER}, one-hour leases (none expires during a test), this pool. */
    public static ServedSubnet subnet(String poolStart, String poolEnd) {
        return new ServedSubnet("198.18.0.0/16", SERVER, List.of(SERVER), "llt.test", Duration.ofHours(1),
                poolStart, poolEnd, Optional.empty());
    }

    /** LeaseLedger on the bridge; again with the same arguments, the same store (a restart). */
    public LeaseLedgerServer leaseLedger(String durability, ServedSubnet subnet) {
        return leaseLedger(durability, ServerDatabases.h2(), subnet);
    }

    /** The same, with its event store and projections in {@code databases}. */
    public LeaseLedgerServer leaseLedger(String durability, ServerDatabases databases, ServedSubnet subnet) {
        return lab.leaseLedger(serverNs, List.of(lan.bridge()), SERVER, durability, databases, subnet);
    }

    /** perfdhcp on the relay's link with {@code args}, running in the background (log: {@code <name>.log}). */
    public ChildProcess perfdhcp(String name, String... args) {
        List<String> command = new ArrayList<>(List.of(Requirements.path("perfdhcp"), "-4", "-l", relayNic.name()));
        command.addAll(List.of(args));
        return lab.start(relayNic.namespace(), name, command);
    }

    /** A capture of the server's replies only ({@code udp src port 67 and src host SERVER}) on the bridge. */
    public PacketCapture captureReplies() {
        return lab.capture(serverNs, lan.bridge(), "udp src port 67 and src host " + SERVER);
    }

    public static void pause(Duration duration) {
        ChildProcess.sleep(duration.toMillis());
    }
}
