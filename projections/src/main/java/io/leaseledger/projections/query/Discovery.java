package io.leaseledger.projections.query;

import java.time.Instant;

/**
 * A device heard claiming an address on a served link ({@code discovered_device}), and what the
 * read side knows of it.
 *
 * @param iface     the interface of its latest record
 * @param firstSeen its first record
 * @param lastSeen  its latest record: a device that stays is recorded once an hour, so at most an
 *                  hour behind
 * @param records   how many records ({@code DeviceSeen} events) the row sums up
 * @param known     {@code RESERVATION}: a host reservation of the subnet names its MAC; {@code LEASE}:
 *                  the address's current lease row names its MAC (a client of this server, now or
 *                  before); null: neither — a device this server knows nothing of
 * @param hostname  the reservation's host name, else the one its lease carries; null without
 * @param mdnsHostname the name it announced for this address by mDNS ({@code bmc7} of {@code bmc7.local}),
 *                  the latest heard; null when none was
 */
public record Discovery(String subnet, String address, String mac, String iface, Instant firstSeen, Instant lastSeen,
                        long records, Known known, String hostname, String mdnsHostname) {

    /** Why a discovered device is not unknown. */
    public enum Known {
        RESERVATION,
        LEASE
    }
}
