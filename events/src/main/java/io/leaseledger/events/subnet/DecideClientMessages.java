package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The packet command: every client message waiting for one subnet, decided in order in one
 * unit of work (group commit). The handler returns a {@code List<Decision>}, one per message,
 * in the same order; the events of all of them are committed together, and replies may leave
 * only after that commit.
 *
 * @param at the time the batch is decided at (one clock reading for the whole batch)
 */
public record DecideClientMessages(@TargetAggregateIdentifier SubnetId subnetId, List<ClientMessage> messages,
                                   Instant at) implements SubnetCommand {
    public DecideClientMessages {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(messages, "messages");
        SubnetCommand.require(at, "at");
        messages = List.copyOf(messages);
    }

    public static DecideClientMessages of(SubnetId subnetId, Instant at, ClientMessage... messages) {
        return new DecideClientMessages(subnetId, List.of(messages), at);
    }
}
