package io.leaseledger.projections.query;

/**
 * One range of a subnet. {@code kind} is DYNAMIC (the DHCP pool; {@code inUse} = addresses
 * offered, bound or in probation) or RESERVED (never leased; {@code inUse} = host
 * reservations inside it). {@code free = size - inUse}; {@code usedPercent = 100 * inUse / size}.
 */
public record RangeUtilisation(String subnet, String first, String last, String kind, long size, long inUse,
                               long free, double usedPercent) {
}
