package io.leaseledger.it.harness;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The only addresses tests may use: 198.18.0.0/15, the benchmarking range (RFC 2544), and for
 * IPv6 2001:2::/48, its IPv6 counterpart (RFC 5180); link-local addresses the kernel gives the
 * test's own veths are theirs alone.
 */
public final class TestNetwork {
    private TestNetwork() {}

    public static void requireTestAddress(String address) {
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            if (b.length != 4 || (b[0] & 0xff) != 198 || (b[1] & 0xfe) != 18) {
                throw new IllegalArgumentException(address + " is outside 198.18.0.0/15");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + address, e);
        }
    }

    public static void requireTestCidr(String cidr) {
        requireTestAddress(cidr.substring(0, cidr.indexOf('/')));
    }

    /** An IPv6 {@code address/length} inside 2001:2::/48. */
    public static void requireTestIpv6Cidr(String cidr) {
        String address = cidr.substring(0, cidr.indexOf('/'));
        try {
            byte[] b = InetAddress.getByName(address).getAddress();
            if (b.length != 16 || (b[0] & 0xff) != 0x20 || b[1] != 0x01 || b[2] != 0 || b[3] != 0x02 || b[4] != 0 || b[5] != 0) {
                throw new IllegalArgumentException(cidr + " is outside 2001:2::/48");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + address, e);
        }
    }
}
