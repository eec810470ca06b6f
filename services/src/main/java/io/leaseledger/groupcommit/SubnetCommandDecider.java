package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.MessageKind;
import io.leaseledger.events.subnet.ReclaimExpiredLeases;
import io.leaseledger.events.subnet.ReportAddressInUse;
import io.leaseledger.events.subnet.ReportDeviceSeen;
import io.leaseledger.events.subnet.ReportForeignDhcpServer;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.subnet.ReplicatePartnerEvents;
import io.leaseledger.events.types.SubnetId;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a batch of one subnet's mailbox into one Axon command: the packets into one
 * {@link DecideClientMessages}, a reclaim into one {@link ReclaimExpiredLeases}, a sighting into one
 * {@link ReportAddressInUse}, another server heard into one {@link ReportForeignDhcpServer}, a device
 * heard on the link into one {@link ReportDeviceSeen}, the HA partner's events into one
 * {@link ReplicatePartnerEvents}. The time of
 * the command is one reading of the injected clock, taken when the batch is decided.
 *
 * <p>{@code sendAndWait} on Axon's {@code SimpleCommandBus} runs the command on this thread
 * and returns after the unit of work — and with it the JDBC transaction of
 * {@code JdbcTransactionManager} — has committed; a failed command throws and rolls back.
 */
final class SubnetCommandDecider implements BatchDecider<SubnetWork, SubnetWork.Result> {
    private final SubnetId subnet;
    private final CommandGateway commands;
    private final Clock clock;

    SubnetCommandDecider(SubnetId subnet, CommandGateway commands, Clock clock) {
        this.subnet = subnet;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public List<SubnetWork.Result> decide(List<SubnetWork> batch) {
        if (batch.getFirst() instanceof SubnetWork.Reclaim reclaim) {
            ReclaimOutcome outcome = commands.sendAndWait(
                    new ReclaimExpiredLeases(subnet, clock.instant(), reclaim.batchLimit()));
            return List.of(new SubnetWork.Reclaimed(outcome));
        }
        if (batch.getFirst() instanceof SubnetWork.Sighting sighting) {
            InUseOutcome outcome = commands.sendAndWait(
                    new ReportAddressInUse(subnet, sighting.address(), sighting.mac(), clock.instant()));
            return List.of(new SubnetWork.Observed(outcome));
        }
        if (batch.getFirst() instanceof SubnetWork.ForeignServer heard) {
            Boolean recorded = commands.sendAndWait(new ReportForeignDhcpServer(subnet, heard.iface(), heard.server(),
                    heard.sourceAddress(), heard.sourceMac(), heard.messageType(), heard.client(), heard.offered(),
                    clock.instant()));
            return List.of(new SubnetWork.Recorded(Boolean.TRUE.equals(recorded)));
        }
        if (batch.getFirst() instanceof SubnetWork.Device heard) {
            Boolean recorded = commands.sendAndWait(
                    new ReportDeviceSeen(subnet, heard.iface(), heard.address(), heard.mac(), heard.hostname(), clock.instant()));
            return List.of(new SubnetWork.Recorded(Boolean.TRUE.equals(recorded)));
        }
        if (batch.getFirst() instanceof SubnetWork.Replicate partnerEvents) {
            Integer applied = commands.sendAndWait(new ReplicatePartnerEvents(subnet, partnerEvents.partner(),
                    partnerEvents.events(), clock.instant()));
            return List.of(new SubnetWork.Replicated(applied == null ? 0 : applied));
        }
        List<ClientMessage> messages = new ArrayList<>(batch.size());
        for (SubnetWork work : batch) {
            messages.add(((SubnetWork.Packet) work).message());
        }
        List<Decision> decisions = commands.sendAndWait(new DecideClientMessages(subnet, messages, clock.instant()));
        if (decisions == null) {
            throw new IllegalStateException("subnet " + subnet + " returned no decisions");
        }
        List<SubnetWork.Result> results = new ArrayList<>(decisions.size());
        for (Decision decision : decisions) {
            results.add(new SubnetWork.Decided(decision));
        }
        return results;
    }

    @Override
    public boolean startsNewWork(SubnetWork work) {
        return work instanceof SubnetWork.Packet packet && packet.message().kind() == MessageKind.DISCOVER;
    }

    @Override
    public boolean joins(SubnetWork first, SubnetWork next) {
        return first instanceof SubnetWork.Packet && next instanceof SubnetWork.Packet;
    }
}
