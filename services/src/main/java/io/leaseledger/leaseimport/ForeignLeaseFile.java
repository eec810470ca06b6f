package io.leaseledger.leaseimport;

import java.time.Instant;
import java.util.List;

/**
 * What a lease file of another DHCP server holds: its leases still granted (the newest entry of
 * each address, in address order) and, with their reasons, the entries that were not read. An
 * entry that cannot be read is reported and passed over; the file is refused only when it is not
 * a lease file of any of these kinds at all.
 *
 * @param format  {@code kea-memfile}, {@code isc-dhcpd} or {@code dnsmasq}
 * @param skipped one line per entry passed over, or part of an entry not kept: where it is and why
 */
public record ForeignLeaseFile(String format, List<ForeignLease> leases, List<String> skipped) {

    /** {@link #parse(String, String, Instant)} of a file written now. */
    public static ForeignLeaseFile parse(String text, String name) {
        return parse(text, name, Instant.now());
    }

    /**
     * Kea's memfile (a CSV with its header), ISC dhcpd's leases file or dnsmasq's, told apart by
     * their first lines; {@code name} names the file in the error when it is none of them.
     * {@code writtenAt} (the file's modification time) dates what dnsmasq's file leaves out: how
     * long its leases were granted for ({@link DnsmasqLeases}).
     */
    public static ForeignLeaseFile parse(String text, String name, Instant writtenAt) {
        if (isKeaMemfile(text)) {
            return KeaMemfile.parse(text);
        }
        if (IscLeasesFile.looksLikeOne(text)) {
            return IscLeasesFile.parse(text);
        }
        if (DnsmasqLeases.looksLikeOne(text)) {
            return DnsmasqLeases.parse(text, writtenAt);
        }
        throw new IllegalArgumentException(name + " is neither a Kea memfile (kea-leases4.csv, its first line "
                + "\"address,hwaddr,…\"), an ISC dhcpd leases file (dhcpd.leases, \"lease ADDRESS { … }\" entries) "
                + "nor dnsmasq's (dnsmasq.leases, \"EXPIRY MAC ADDRESS HOSTNAME CLIENT-ID\" lines)");
    }

    /** Kea's memfile starts with its header. */
    static boolean isKeaMemfile(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip().startsWith("address,hwaddr,");
    }
}
