package io.leaseledger.projections.query;

import java.util.List;

/**
 * MAAS's subnet utilisation (seed "Subnet utilisation"):
 * <ul>
 *   <li>{@code subnetAddresses} — the addresses of the subnet a host may hold (network and
 *       broadcast excluded, except on /31 and /32);</li>
 *   <li>{@code available} — of those, the unused ones: not in a range (MAAS counts both its
 *       reserved and its dynamic ranges as unavailable for assignment), not leased, offered
 *       or in probation, not reserved for a host;</li>
 *   <li>{@code usedPercent} — {@code 100 * (subnetAddresses - available) / subnetAddresses}.</li>
 * </ul>
 * {@code poolSize}/{@code poolInUse} are the dynamic ranges' totals, {@code ranges} each range.
 */
public record SubnetUtilisation(String subnet, boolean managed, boolean removed, long subnetAddresses,
                                long available, double usedPercent, long poolSize, long poolInUse,
                                List<RangeUtilisation> ranges) {
    public SubnetUtilisation {
        ranges = List.copyOf(ranges);
    }
}
