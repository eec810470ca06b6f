package io.leaseledger.wire.transport;

/**
 * The UDP ports replies go to: the server port (67), which relays listen on, and the client port
 * (68). Both can be moved for test rigs and non-standard deployments, as dhcrelay's and dhcpd's
 * {@code -p} options do; a relay is then expected at {@code giaddr:server}.
 */
public record ReplyPorts(int server, int client) {

    public static final ReplyPorts STANDARD = new ReplyPorts(67, 68);

    public ReplyPorts {
        Ipv4.requirePort(server);
        Ipv4.requirePort(client);
    }
}
