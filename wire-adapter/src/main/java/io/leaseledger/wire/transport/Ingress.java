package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/** Where a datagram came in: the channel it was read from, and so where its reply goes out. */
public sealed interface Ingress {

    /**
     * A channel bound to one network interface with {@code SO_BINDTODEVICE}: every datagram on it
     * crossed that link.
     *
     * @param name the interface name, as in {@code ip link}
     * @param index the kernel's interface index
     * @param addresses the interface's IPv4 addresses when the transport started (candidates for
     *     the server identifier, option 54); empty when the link has none
     */
    record Interface(String name, int index, List<Inet4Address> addresses) implements Ingress {
        public Interface {
            TransportConfig.requireInterfaceName(name);
            if (index <= 0) {
                throw new IllegalArgumentException("interface index must be positive: " + index);
            }
            addresses = List.copyOf(addresses);
        }

        @Override
        public String toString() {
            return name + "#" + index + addresses;
        }
    }

    /**
     * A channel bound to one local address and port, on no particular interface: datagrams
     * addressed to it (unicast from relays, or from loopback tests). It receives no broadcasts.
     */
    record BoundAddress(InetSocketAddress address) implements Ingress {
        public BoundAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return address.getAddress().getHostAddress() + ":" + address.getPort();
        }
    }
}
