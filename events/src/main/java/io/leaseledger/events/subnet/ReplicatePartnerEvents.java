package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The HA partner's own decisions on this subnet, in its order, read from its stream at
 * {@code at}: the lease events not applied yet are applied to this node's subnet as the partner
 * decided them, each marked with its origin (the event's metadata {@code origin} and
 * {@code originSequence}), so that this node holds every lease its partner granted. Returns how
 * many were applied. The rules of what applies are the aggregate's ({@code PartnerReplication}).
 *
 * @param partner the partner's node name ({@code ce_source} {@code leaseledger://node/<partner>})
 */
public record ReplicatePartnerEvents(@TargetAggregateIdentifier SubnetId subnetId, String partner,
                                     List<PartnerEvent> events, Instant at) implements SubnetCommand {
    public ReplicatePartnerEvents {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(partner, "partner");
        SubnetCommand.require(events, "events");
        SubnetCommand.require(at, "at");
        events = List.copyOf(events);
    }
}
