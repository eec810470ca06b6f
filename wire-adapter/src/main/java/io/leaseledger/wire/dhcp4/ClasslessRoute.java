package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

/**
 * One route of option 121 (RFC 3442): destination/prefix via router. A router of 0.0.0.0 means
 * the destination is on-link.
 */
public record ClasslessRoute(Ipv4Address destination, int prefixLength, Ipv4Address router) {

    public ClasslessRoute {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range 0..32: " + prefixLength);
        }
        if ((destination.value() & ~mask(prefixLength)) != 0) {
            throw new IllegalArgumentException("destination " + destination + " has bits beyond /" + prefixLength);
        }
    }

    public static ClasslessRoute of(String destination, int prefixLength, String router) {
        return new ClasslessRoute(Ipv4Address.parse(destination), prefixLength, Ipv4Address.parse(router));
    }

    static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    @Override
    public String toString() {
        return destination + "/" + prefixLength + " via " + router;
    }
}
