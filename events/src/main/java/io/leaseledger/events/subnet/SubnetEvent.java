package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;

/**
 * Everything that happened to a subnet: its configuration and its leases. The stream of one
 * subnet is the stream of one {@code Subnet} aggregate, ordered. Every event is a record named
 * in the past tense, carries its subnet and the time it was decided at, and is versioned with
 * {@code @Revision}. Fields marked {@link io.leaseledger.events.PersonalData} identify a device.
 */
public sealed interface SubnetEvent
        permits SubnetDefined, SubnetChanged, SubnetRemoved, RangeAdded, RangeRemoved, HostReserved,
        HostUnreserved, OptionSnippetSet, OptionSnippetRemoved, PxeSettingsSet, PoolExhausted,
        AddressInUseObserved, ForeignDhcpServerObserved, DeviceSeen, DiscoveriesCleared, LeaseEvent {

    SubnetId subnetId();

    Instant at();
}
