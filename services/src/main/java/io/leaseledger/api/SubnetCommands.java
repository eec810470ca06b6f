package io.leaseledger.api;

import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.store.ServedSubnets;
import io.leaseledger.subnet.SubnetCommandRejected;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.List;
import java.util.Optional;

/**
 * The configuration writes' way to the {@code Subnet} aggregates: a command sent and committed
 * before the answer, and what the aggregate refused as the client should hear it.
 */
@Singleton
public final class SubnetCommands {
    private final BeanProvider<CommandGateway> commands;
    private final BeanProvider<ServedSubnets> served;

    /**
     * @param served present on a node that serves DHCP (registered by {@code LeaseLedgerNode});
     *               absent on a region, which has no subnets and no event store: writes answer 503
     *               there, and the command gateway (whose factory would open a store) is never asked for
     */
    public SubnetCommands(BeanProvider<CommandGateway> commands, BeanProvider<ServedSubnets> served) {
        this.commands = commands;
        this.served = served;
    }

    /** Sends {@code command} and waits until its events are committed. */
    public void send(SubnetCommand command) throws ApiException {
        if (!served.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node serves no subnets (a region): change the configuration on the rack that serves "
                            + command.subnetId(), List.of()));
        }
        try {
            commands.get().sendAndWait(command);
        } catch (RuntimeException e) {
            throw refusal(e, command).orElseThrow(() -> e);
        }
    }

    /** What the aggregate said, as the client should hear it; empty for a failure that is ours (500). */
    static Optional<ApiException> refusal(Throwable failure, SubnetCommand command) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SubnetCommandRejected rejected) {
                return Optional.of(rejected.reason() == SubnetCommandRejected.Reason.CONFLICT
                        ? ApiException.conflict(rejected.getMessage()) : ApiException.refused(rejected.getMessage()));
            }
            if (t instanceof AggregateNotFoundException) {
                return Optional.of(ApiException.notFound("subnet " + command.subnetId() + " was never defined"));
            }
            if (t instanceof IllegalArgumentException invalid) {
                // A value type refused the value (a range not on the subnet's addresses, ...).
                return Optional.of(ApiException.refused(invalid.getMessage()));
            }
        }
        return Optional.empty();
    }
}
