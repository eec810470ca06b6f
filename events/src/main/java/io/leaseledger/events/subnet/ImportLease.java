package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A lease another DHCP server granted, taken over when this server replaces it (Kea's memfile,
 * ISC dhcpd's leases file): {@code client} holds {@code address} until {@code expiresAt}, as
 * that server promised. Returns an {@link ImportOutcome}; emits {@link LeaseGranted} of kind
 * {@link GrantKind#IMPORTED} only when the address may be the client's here.
 *
 * @param leaseTime the lease's length as the other server granted it (for T1/T2 and the records)
 * @param at        when the import runs
 */
public record ImportLease(@TargetAggregateIdentifier SubnetId subnetId, Ipv4Address address,
                          @PersonalData("client") ClientIdentity client, LeaseTime leaseTime, Instant expiresAt,
                          Instant at) implements SubnetCommand {
    public ImportLease {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(address, "address");
        SubnetCommand.require(client, "client");
        SubnetCommand.require(leaseTime, "leaseTime");
        SubnetCommand.require(expiresAt, "expiresAt");
        SubnetCommand.require(at, "at");
    }
}
