package io.leaseledger.projections.query;

import io.leaseledger.projections.LeaseState;

/**
 * Which current leases to list; every null part matches everything. {@code mac} is
 * "aa:bb:cc:dd:ee:ff" (lower case, as events spell it), {@code hostname} matches exactly.
 */
public record LeaseFilter(String subnet, String mac, String hostname, LeaseState state) {

    public static LeaseFilter any() {
        return new LeaseFilter(null, null, null, null);
    }

    public LeaseFilter withSubnet(String value) {
        return new LeaseFilter(value, mac, hostname, state);
    }

    public LeaseFilter withMac(String value) {
        return new LeaseFilter(subnet, value, hostname, state);
    }

    public LeaseFilter withHostname(String value) {
        return new LeaseFilter(subnet, mac, value, state);
    }

    public LeaseFilter withState(LeaseState value) {
        return new LeaseFilter(subnet, mac, hostname, value);
    }
}
