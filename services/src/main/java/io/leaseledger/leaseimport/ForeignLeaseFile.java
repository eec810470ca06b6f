package io.leaseledger.leaseimport;

import java.util.List;

/**
 * What a lease file of another DHCP server holds: its leases still granted (the newest entry of
 * each address, in address order) and, with their reasons, the entries that were not read. An
 * entry that cannot be read is reported and passed over; the file is refused only when it is not
 * a lease file of either kind at all.
 *
 * @param format  {@code kea-memfile} or {@code isc-dhcpd}
 * @param skipped one line per entry passed over, or part of an entry not kept: where it is and why
 */
public record ForeignLeaseFile(String format, List<ForeignLease> leases, List<String> skipped) {

    /**
     * Kea's memfile (a CSV with its header) or ISC dhcpd's leases file, told apart by their first
     * lines; {@code name} names the file in the error when it is neither.
     */
    public static ForeignLeaseFile parse(String text, String name) {
        if (isKeaMemfile(text)) {
            return KeaMemfile.parse(text);
        }
        if (IscLeasesFile.looksLikeOne(text)) {
            return IscLeasesFile.parse(text);
        }
        throw new IllegalArgumentException(name + " is neither a Kea memfile (kea-leases4.csv, its first line "
                + "\"address,hwaddr,…\") nor an ISC dhcpd leases file (dhcpd.leases, \"lease ADDRESS { … }\" entries)");
    }

    /** Kea's memfile starts with its header. */
    static boolean isKeaMemfile(String text) {
        return text.lines().filter(line -> !line.isBlank()).findFirst().orElse("").strip().startsWith("address,hwaddr,");
    }
}
