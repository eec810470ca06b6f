package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;

/**
 * Everything the {@code Subnet} aggregate is asked to do. Each command names its subnet (the
 * aggregate id, {@code @TargetAggregateIdentifier}) and carries the time it is decided at,
 * taken from an injected clock by the sender: the aggregate never reads a clock.
 */
public sealed interface SubnetCommand
        permits DefineSubnet, ChangeSubnet, RemoveSubnet, AddRange, RemoveRange, ReserveHost, UnreserveHost,
        SetOptionSnippet, RemoveOptionSnippet, SetPxeSettings, DecideClientMessages, ReclaimExpiredLeases,
        ReportAddressInUse, ReportForeignDhcpServer, ReportDeviceSeen, ClearDiscoveries, ReplicatePartnerEvents, ImportLease {

    SubnetId subnetId();

    Instant at();

    /** Shared null checks for the records. */
    static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
