package io.leaseledger.subnet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.ClearDiscoveries;
import io.leaseledger.events.subnet.ImportLease;
import io.leaseledger.events.subnet.ImportOutcome;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.ReportAddressInUse;
import io.leaseledger.events.subnet.ReportDeviceSeen;
import io.leaseledger.events.subnet.ReportForeignDhcpServer;
import io.leaseledger.events.subnet.ChangeSubnet;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.HostUnreserved;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.OptionSnippetRemoved;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.PartnerEvent;
import io.leaseledger.events.subnet.PxeSettingsSet;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeRemoved;
import io.leaseledger.events.subnet.ReclaimExpiredLeases;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.subnet.RemoveOptionSnippet;
import io.leaseledger.events.subnet.RemoveRange;
import io.leaseledger.events.subnet.RemoveSubnet;
import io.leaseledger.events.subnet.ReplicatePartnerEvents;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.ReserveHost;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SetPxeSettings;
import io.leaseledger.events.subnet.SubnetChanged;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.subnet.UnreserveHost;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.store.SnapshotSized;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One subnet: its configuration and every lease on it. Command handlers decide (configuration
 * checks here, packet rules in {@link LeaseRules}, the address choice in
 * {@link AllocationPolicy}) and {@code apply} events; event-sourcing handlers only update
 * {@link SubnetState}. Deterministic: the time comes with each command, nothing reads a clock,
 * draws a random number or does I/O, so the same events and commands give the same decisions.
 *
 * <p>Free of dependency injection: Axon is configured around it elsewhere.
 */
public class Subnet implements SnapshotSized {

    @AggregateIdentifier
    private SubnetId subnetId;
    private SubnetState state = new SubnetState();

    /** For Axon (event sourcing, creation policy) and snapshot deserialisation. */
    public Subnet() {
    }

    // ---- configuration -----------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineSubnet command) {
        if (!state.defined() || state.removed()) {
            apply(new SubnetDefined(command.subnetId(), command.cidr(), command.settings(), command.at()));
        } else if (!state.settings().equals(command.settings())) {
            apply(new SubnetChanged(command.subnetId(), command.settings(), command.at()));
        }
    }

    @CommandHandler
    public void handle(ChangeSubnet command) {
        requireServed();
        if (!state.settings().equals(command.settings())) {
            apply(new SubnetChanged(subnetId, command.settings(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RemoveSubnet command) {
        if (!state.removed()) {
            apply(new SubnetRemoved(subnetId, command.at()));
        }
    }

    @CommandHandler
    public void handle(AddRange command) {
        requireServed();
        new ConfigurationChecks(subnetId, state).checkAddRange(command.range(), command.kind());
        if (state.rangeKindOf(command.range()) == null) {
            apply(new RangeAdded(subnetId, command.range(), command.kind(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RemoveRange command) {
        requireServed();
        var kind = state.rangeKindOf(command.range());
        if (kind != null) {
            apply(new RangeRemoved(subnetId, command.range(), kind, command.at()));
        }
    }

    @CommandHandler
    public void handle(ReserveHost command) {
        requireServed();
        new ConfigurationChecks(subnetId, state).checkReservation(command.mac(), command.address());
        var current = state.reservationAt(command.address());
        boolean same = current != null && current.mac().equals(command.mac())
                && java.util.Objects.equals(current.hostname(), command.hostname());
        if (!same) {
            apply(new HostReserved(subnetId, command.mac(), command.address(), command.hostname(), command.at()));
        }
    }

    @CommandHandler
    public void handle(UnreserveHost command) {
        requireServed();
        var address = state.reservedAddressOf(command.mac());
        if (address != null) {
            apply(new HostUnreserved(subnetId, command.mac(), address, command.at()));
        }
    }

    @CommandHandler
    public void handle(SetOptionSnippet command) {
        requireServed();
        String key = snippetKey(command.scope(), command.host(), command.code());
        if (!command.value().equals(state.optionSnippet(key)) || command.alwaysSend() != state.alwaysSent(key)) {
            apply(new OptionSnippetSet(subnetId, command.scope(), command.host(), command.code(), command.value(),
                    command.alwaysSend(), command.at()));
        }
    }

    @CommandHandler
    public void handle(RemoveOptionSnippet command) {
        requireServed();
        if (state.optionSnippet(snippetKey(command.scope(), command.host(), command.code())) != null) {
            apply(new OptionSnippetRemoved(subnetId, command.scope(), command.host(), command.code(), command.at()));
        }
    }

    @CommandHandler
    public void handle(SetPxeSettings command) {
        requireServed();
        if (!command.pxe().equals(state.pxe())) {
            apply(new PxeSettingsSet(subnetId, command.pxe(), command.at()));
        }
    }

    // ---- packets and time --------------------------------------------------------------------

    /**
     * Decides every message in order; each sees the events of those before it. Returns one
     * decision per message, same order. All events land in this command's unit of work.
     */
    @CommandHandler
    public List<Decision> handle(DecideClientMessages command) {
        var rules = new LeaseRules(subnetId, state);
        var decisions = new ArrayList<Decision>(command.messages().size());
        for (ClientMessage message : command.messages()) {
            LeaseRules.Outcome outcome = rules.decide(message, command.at());
            for (SubnetEvent event : outcome.events()) {
                apply(event);
            }
            decisions.add(outcome.decision());
        }
        return decisions;
    }

    /** Reclaims what is due, oldest first, at most {@code batchLimit} events. */
    @CommandHandler
    public ReclaimOutcome handle(ReclaimExpiredLeases command) {
        var rules = new LeaseRules(subnetId, state);
        int leases = 0;
        int probations = 0;
        int offers = 0;
        SubnetEvent next = rules.nextReclaim(command.at());
        while (next != null && leases + probations + offers < command.batchLimit()) {
            switch (next) {
                case LeaseExpired e -> leases++;
                case ProbationEnded e -> probations++;
                default -> offers++;
            }
            apply(next);
            next = rules.nextReclaim(command.at());
        }
        return new ReclaimOutcome(leases, probations, offers, next != null);
    }

    /**
     * A lease another DHCP server granted, taken over when its addresses stay the client's here
     * (see {@link ImportRules}); its events go in one transaction, so a reclaimed address is never
     * left free.
     */
    @CommandHandler
    public ImportOutcome handle(ImportLease command) {
        ImportRules.Judgement judgement = new ImportRules(subnetId, state).judge(command);
        for (SubnetEvent event : judgement.events()) {
            apply(event);
        }
        return judgement.outcome();
    }

    /** A device seen using an address: recorded when it is news (see {@link InUseRules}). */
    @CommandHandler
    public InUseOutcome handle(ReportAddressInUse command) {
        InUseRules.Judgement judgement = new InUseRules(subnetId, state).judge(command);
        if (judgement.event() != null) {
            apply(judgement.event());
        }
        return judgement.outcome();
    }

    /**
     * Another DHCP server heard on a link of this subnet: recorded while the subnet is served. How
     * often is the listener's to decide (a server's first reply, or its first after an hour of silence).
     */
    @CommandHandler
    public boolean handle(ReportForeignDhcpServer command) {
        if (!state.defined() || state.removed()) {
            return false;
        }
        apply(new ForeignDhcpServerObserved(subnetId, command.iface(), command.server(), command.sourceAddress(),
                command.sourceMac(), command.messageType(), command.client(), command.offered(), command.at()));
        return true;
    }

    /**
     * Records a device heard on a link of this subnet ({@link DeviceSeen}) while the subnet is served;
     * {@code false} otherwise. Nothing the subnet decides changes; how often is the node's to decide
     * (a pair's first claim, or its first after an hour).
     */
    @CommandHandler
    public boolean handle(ReportDeviceSeen command) {
        if (!state.defined() || state.removed()) {
            return false;
        }
        apply(new DeviceSeen(subnetId, command.iface(), command.address(), command.mac(), command.hostname(),
                command.at()));
        return true;
    }

    /**
     * Clears devices heard on this subnet's links from the discovered devices list
     * ({@link DiscoveriesCleared}) while the subnet is served; {@code false} otherwise. An address
     * outside the subnet is refused: it names no device of this subnet.
     */
    @CommandHandler
    public boolean handle(ClearDiscoveries command) {
        if (!state.defined() || state.removed()) {
            return false;
        }
        if (command.address() != null && !state.cidr().contains(command.address())) {
            throw new IllegalArgumentException(command.address() + " is not on subnet " + subnetId);
        }
        apply(new DiscoveriesCleared(subnetId, command.mac(), command.address(), command.at()));
        return true;
    }

    /**
     * The HA partner's decisions on this subnet, taken into this log in the partner's order; those
     * of its stream already applied (a replay of its topic) are passed over by sequence, and what
     * applies is {@link PartnerReplication}'s to say. Returns how many were applied. A subnet not
     * served here takes none.
     */
    @CommandHandler
    public int handle(ReplicatePartnerEvents command) {
        if (!state.defined() || state.removed()) {
            return 0;
        }
        long known = state.partnerSequence(command.partner());
        int applied = 0;
        for (PartnerEvent partnerEvent : command.events()) {
            if (partnerEvent.sequence() <= known) {
                continue;
            }
            known = partnerEvent.sequence();
            if (PartnerReplication.applies(subnetId, state, partnerEvent.event())) {
                apply(partnerEvent.event(), PartnerReplication.origin(command.partner(), partnerEvent.sequence()));
                applied++;
            }
        }
        return applied;
    }

    // ---- event sourcing: assignments only ----------------------------------------------------

    /**
     * Every event of the subnet, in one handler: Axon looks for an event's handler by testing the
     * aggregate's handlers one by one at every event applied (eighteen of them, 2 % of the event
     * loop under perfdhcp), and the switch over the sealed hierarchy is exhaustive, so a new event
     * type does not compile until it says what it changes.
     */
    @EventSourcingHandler
    void on(SubnetEvent event, MetaData metaData) {
        on(event);
        if (!metaData.isEmpty() && metaData.get(PartnerReplication.ORIGIN) instanceof String partner
                && metaData.get(PartnerReplication.ORIGIN_SEQUENCE) instanceof Number sequence) {
            state.onReplicated(partner, sequence.longValue());
        }
    }

    /** What {@code event} changes, whoever decided it. */
    void on(SubnetEvent event) {
        switch (event) {
            case SubnetDefined e -> {
                subnetId = e.subnetId();
                state.onDefined(e.cidr(), e.settings());
            }
            case SubnetChanged e -> state.onChanged(e.settings());
            case SubnetRemoved e -> state.onRemoved();
            case RangeAdded e -> state.onRangeAdded(e.range(), e.kind());
            case RangeRemoved e -> state.onRangeRemoved(e.range());
            case HostReserved e -> state.onHostReserved(e.mac(), e.address(), e.hostname());
            case HostUnreserved e -> state.onHostUnreserved(e.mac());
            case OptionSnippetSet e -> state.onOptionSnippetSet(snippetKey(e.scope(), e.host(), e.code()), e.value(),
                    Boolean.TRUE.equals(e.alwaysSend()));
            case OptionSnippetRemoved e -> state.onOptionSnippetRemoved(snippetKey(e.scope(), e.host(), e.code()));
            case PxeSettingsSet e -> state.onPxeSettingsSet(e.pxe());
            case LeaseOffered e -> state.onOffered(e.address(), e.client(), e.transactionId(), e.leaseTime(), e.heldUntil());
            case OfferWithdrawn e -> state.onOfferWithdrawn(e.address());
            case LeaseGranted e -> state.onGranted(e.address(), e.client(), e.transactionId(), e.at(), e.leaseTime(),
                    e.expiresAt());
            case AddressDeclined e -> state.onDeclined(e.address(), e.client(), e.transactionId(), e.probationUntil());
            case LeaseReleased e -> state.onLeaseEnded(e.address(), e.client().key(), e.client().chaddr());
            case LeaseExpired e -> state.onLeaseEnded(e.address(), e.client().key(), e.client().chaddr());
            case ProbationEnded e -> state.onProbationEnded(e.address());
            case PoolExhausted e -> state.onPoolExhausted();
            case AddressInUseObserved e -> state.onInUseObserved(e.address(), e.mac(), e.at(), e.heldUntil());
            // A NAK records a refusal, another server's reply or a device heard a sighting: none is a state.
            case RequestRefused e -> {
            }
            case ForeignDhcpServerObserved e -> {
            }
            case DeviceSeen e -> {
            }
            case DiscoveriesCleared e -> {
            }
        }
    }

    /**
     * An immutable copy of the leases this subnet holds, in address order: what the event log
     * says is leased, for readers outside the aggregate (the crash test reads it after a restart).
     */
    public List<HeldLease> heldLeases() {
        return state.heldLeases();
    }

    /** The state, for tests and diagnostics in this package. */
    SubnetState state() {
        return state;
    }

    @Override
    public int snapshotSize() {
        return state.size();
    }

    private void requireServed() {
        if (state.removed()) {
            throw new SubnetCommandRejected(SubnetCommandRejected.Reason.REMOVED,
                    "subnet " + subnetId + " was removed; define it again first");
        }
    }

    private static String snippetKey(Object scope, Object host, int code) {
        return scope + "/" + (host == null ? "-" : host) + "/" + code;
    }
}
