package io.leaseledger.it.harness;

import java.time.Duration;

/**
 * A veth pair whose two ends are created directly inside their namespaces
 * ({@code ip link add A netns NS1 type veth peer name B netns NS2}): neither end ever exists
 * in the machine's own namespace. Both ends are up; addresses are optional and must be in
 * 198.18.0.0/15. Deleting a namespace deletes its end, and with it the pair.
 */
public final class VethLink implements AutoCloseable {
    private final End a;
    private final End b;

    /** One end: its namespace and interface name. */
    public record End(NetworkNamespace namespace, String name) {
        public String mac() {
            return namespace.execOk("cat", "/sys/class/net/" + name + "/address").stdout().strip();
        }

        /** Adds {@code cidr} (e.g. {@code 198.18.0.1/24}) to this end. */
        public End address(String cidr) {
            TestNetwork.requireTestCidr(cidr);
            namespace.execOk("ip", "addr", "add", cidr, "dev", name);
            return this;
        }
    }

    private VethLink(End a, End b) {
        this.a = a;
        this.b = b;
    }

    public static VethLink create(NetworkNamespace nsA, String nameA, NetworkNamespace nsB, String nameB) {
        Commands.run(Duration.ofSeconds(20), "ip", "link", "add", nameA, "netns", nsA.name(),
                "type", "veth", "peer", "name", nameB, "netns", nsB.name()).requireSuccess();
        nsA.execOk("ip", "link", "set", nameA, "up");
        nsB.execOk("ip", "link", "set", nameB, "up");
        return new VethLink(new End(nsA, nameA), new End(nsB, nameB));
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    @Override
    public void close() {
        a.namespace().exec("ip", "link", "del", a.name());
    }
}
