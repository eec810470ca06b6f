package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Small IPv4 helpers shared by this package (no DNS lookups, ever). */
final class Ipv4 {

    static final Inet4Address ZERO = of(0, 0, 0, 0);

    private Ipv4() {
    }

    static Inet4Address of(int a, int b, int c, int d) {
        return of(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    static Inet4Address of(byte[] fourBytes) {
        try {
            return (Inet4Address) InetAddress.getByAddress(fourBytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + fourBytes.length, e);
        }
    }

    static boolean isZero(Inet4Address address) {
        return address == null || address.isAnyLocalAddress();
    }

    static int requirePort(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("UDP port out of range 1..65535: " + port);
        }
        return port;
    }
}
