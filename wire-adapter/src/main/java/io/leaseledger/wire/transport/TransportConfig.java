package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What the transport serves: the interfaces and the addresses the operator named, nothing else.
 * There is no "all interfaces" default and no wildcard address: a configuration naming nothing is
 * rejected, as is 0.0.0.0.
 *
 * @param interfaces network interfaces to serve, each on its own channel bound to
 *     {@code 0.0.0.0:port} with {@code SO_BINDTODEVICE} (receives the link's broadcasts)
 * @param addresses local IPv4 address:port pairs to serve, each on its own channel with no device
 *     (relay-only deployments, loopback tests); port 0 picks an ephemeral port
 * @param port the UDP port of the interface channels, 67 unless a test rig moves it
 * @param engine which Netty I/O engine to use
 */
public record TransportConfig(List<String> interfaces, List<InetSocketAddress> addresses, int port, Engine engine) {

    /** The DHCP server port (RFC 2131 §4.1). */
    public static final int SERVER_PORT = 67;

    /** Linux's IFNAMSIZ (16) minus the terminating NUL. */
    static final int MAX_INTERFACE_NAME = 15;

    /** Netty I/O engine choice. */
    public enum Engine {
        /** epoll when the native library loads, else NIO (address bindings only). */
        AUTO,
        /** epoll or fail. */
        EPOLL,
        /** NIO: address bindings only, since a NIO channel does not expose its socket for {@code SO_BINDTODEVICE}. */
        NIO
    }

    public TransportConfig {
        interfaces = List.copyOf(Objects.requireNonNull(interfaces, "interfaces"));
        addresses = List.copyOf(Objects.requireNonNull(addresses, "addresses"));
        Objects.requireNonNull(engine, "engine");
        if (interfaces.isEmpty() && addresses.isEmpty()) {
            throw new IllegalArgumentException(
                    "the transport serves only what it is told to: name at least one interface or address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
        var seen = new HashSet<String>();
        for (String name : interfaces) {
            requireInterfaceName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("interface named twice: " + name);
            }
        }
        if (new HashSet<>(addresses).size() != addresses.size()) {
            throw new IllegalArgumentException("address named twice in " + addresses);
        }
        addresses.forEach(TransportConfig::requireServableAddress);
    }

    /** Serves these interfaces on port 67. */
    public static TransportConfig interfaces(String... names) {
        return new TransportConfig(List.of(names), List.of(), SERVER_PORT, Engine.AUTO);
    }

    /** Serves these addresses (each with its own port). */
    public static TransportConfig addresses(InetSocketAddress... addresses) {
        return new TransportConfig(List.of(), List.of(addresses), SERVER_PORT, Engine.AUTO);
    }

    public TransportConfig withInterfaces(String... names) {
        return new TransportConfig(List.of(names), addresses, port, engine);
    }

    public TransportConfig withAddresses(InetSocketAddress... more) {
        return new TransportConfig(interfaces, List.of(more), port, engine);
    }

    public TransportConfig withPort(int newPort) {
        return new TransportConfig(interfaces, addresses, newPort, engine);
    }

    public TransportConfig withEngine(Engine newEngine) {
        return new TransportConfig(interfaces, addresses, port, newEngine);
    }

    static String requireInterfaceName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_INTERFACE_NAME
                || name.equals(".") || name.equals("..") || !name.chars().allMatch(TransportConfig::isNameChar)) {
            throw new IllegalArgumentException("not a Linux interface name (1.." + MAX_INTERFACE_NAME
                    + " printable characters, no '/', ':' or blanks): '" + name + "'");
        }
        return name;
    }

    private static boolean isNameChar(int c) {
        return c > ' ' && c < 0x7f && c != '/' && c != ':';
    }

    private static void requireServableAddress(InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved() || !(address.getAddress() instanceof Inet4Address ip)) {
            throw new IllegalArgumentException("a bind address must be a literal IPv4 address: " + address);
        }
        if (ip.isAnyLocalAddress()) {
            throw new IllegalArgumentException("refusing the wildcard address " + address
                    + ": it would serve every interface; name the interfaces instead");
        }
        if (ip.isMulticastAddress() || Ipv4.of(255, 255, 255, 255).equals(ip)) {
            throw new IllegalArgumentException("a bind address must be a unicast address: " + address);
        }
    }
}
