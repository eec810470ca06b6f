package io.leaseledger.projections.query;

/**
 * Which discovered devices to list; every null part matches everything. {@code mac} is
 * "aa:bb:cc:dd:ee:ff"; {@code unknownOnly} keeps the devices neither reserved nor leased
 * ({@link Discovery#known()} null).
 */
public record DiscoveryFilter(String subnet, String mac, boolean unknownOnly) {

    public static DiscoveryFilter any() {
        return new DiscoveryFilter(null, null, false);
    }
}
