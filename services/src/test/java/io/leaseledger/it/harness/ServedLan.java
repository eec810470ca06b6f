package io.leaseledger.it.harness;

import java.util.List;

/**
 * The common topology: a server namespace whose bridge (the LAN, {@code 198.18.N.1/24}) the
 * server under test serves, and any number of clients, each in its own namespace and plugged
 * into that bridge by veth.
 */
public final class ServedLan {
    private final Lab lab;
    private final NetworkNamespace serverNs;
    private final Segment lan;
    private final DhcpServer server;
    private final String serverAddress;

    private ServedLan(Lab lab, NetworkNamespace serverNs, Segment lan, DhcpServer server, String serverAddress) {
        this.lab = lab;
        this.serverNs = serverNs;
        this.lan = lan;
        this.server = server;
        this.serverAddress = serverAddress;
    }

    /** Builds the LAN of {@code subnet} (server at its gateway address) and starts the server. */
    public static ServedLan start(Lab lab, ServedSubnet subnet) {
        NetworkNamespace serverNs = lab.namespace("s");
        String prefix = subnet.cidr().substring(subnet.cidr().indexOf('/'));
        Segment lan = lab.segment(serverNs, subnet.gateway() + prefix);
        DhcpServer server = lab.server(serverNs, List.of(lan.bridge()), subnet.gateway(), subnet);
        return new ServedLan(lab, serverNs, lan, server, subnet.gateway());
    }

    /** A new client namespace on the LAN; returns its interface (up, no address). */
    public VethLink.End client(String role) {
        return lan.attach(lab.namespace(role));
    }

    public NetworkNamespace serverNamespace() {
        return serverNs;
    }

    /** The server's interface: capture here to see both directions. */
    public String serverInterface() {
        return lan.bridge();
    }

    public String serverAddress() {
        return serverAddress;
    }

    public DhcpServer server() {
        return server;
    }

    public PacketCapture capture() {
        return lab.capture(serverNs, lan.bridge());
    }
}
