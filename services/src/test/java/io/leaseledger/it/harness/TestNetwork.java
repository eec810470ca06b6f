package io.leaseledger.it.harness;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The only addresses tests may use: 198.18.0.0/15, the benchmarking range (RFC 2544). */
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
}
