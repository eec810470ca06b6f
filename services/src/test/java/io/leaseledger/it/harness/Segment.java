package io.leaseledger.it.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Ethernet segment: a bridge inside one namespace (the "switch", usually the server's),
 * optionally with an address of its own, to which other namespaces attach by veth. Several
 * clients, each in its own namespace, then share one broadcast domain with the server.
 */
public final class Segment {
    private final NetworkNamespace home;
    private final String bridge;
    private final String base;
    private final List<VethLink> ports = new ArrayList<>();

    private Segment(NetworkNamespace home, String bridge, String base) {
        this.home = home;
        this.bridge = bridge;
        this.base = base;
    }

    /** A bridge in {@code home}, with {@code cidr} on it when present (e.g. the server's address). */
    public static Segment create(NetworkNamespace home, Optional<String> cidr) {
        String base = Names.unique();
        String bridge = Names.interfaceName(base, "br");
        home.execOk("ip", "link", "add", bridge, "type", "bridge");
        // No STP listening/learning delay: a client's first DISCOVER must not be dropped.
        home.execOk("ip", "link", "set", bridge, "type", "bridge", "forward_delay", "0", "stp_state", "0");
        home.execOk("ip", "link", "set", bridge, "up");
        cidr.ifPresent(c -> {
            TestNetwork.requireTestCidr(c);
            home.execOk("ip", "addr", "add", c, "dev", bridge);
        });
        return new Segment(home, bridge, base);
    }

    /** The bridge's name in its namespace: the interface a server on this segment serves. */
    public String bridge() {
        return bridge;
    }

    public NetworkNamespace home() {
        return home;
    }

    /** Plugs {@code ns} into the segment; returns the end inside {@code ns} (up, no address). */
    public VethLink.End attach(NetworkNamespace ns) {
        int port = ports.size();
        VethLink link = VethLink.create(
                home, Names.interfaceName(base, "p" + port), ns, Names.interfaceName(base, "c" + port));
        home.execOk("ip", "link", "set", link.a().name(), "master", bridge);
        ports.add(link);
        return link.b();
    }
}
