package io.leaseledger.config;

import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.ChangeSubnet;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RemoveOptionSnippet;
import io.leaseledger.events.subnet.RemoveRange;
import io.leaseledger.events.subnet.RemoveSubnet;
import io.leaseledger.events.subnet.ReserveHost;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SetPxeSettings;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.subnet.UnreserveHost;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.SubnetId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands that take the subnets from what the event log says to what the configuration file
 * wants: a file applied at every start yields events only for what changed, and none when nothing did.
 * Pure: no clock (the time is given), no I/O.
 *
 * <p>Per subnet, removals come before additions, so that a range or reservation that moved never
 * collides with its own former self: change settings; remove ranges; remove snippets; unreserve
 * hosts that are gone or moved to another address; add ranges; reserve hosts; set snippets; set
 * the PXE settings. A subnet missing from the file is removed (its history stays in the log).
 * Given the file as the previous start applied it, only the subnets the file changed since are
 * touched (three-way: the HTTP API's changes to the others survive a restart); the file's global
 * options are a block of their own, which every served subnet carries ({@link GlobalOptions}).
 */
public final class ConfigurationDiff {

    private ConfigurationDiff() {}

    /**
     * The file as the only word: every subnet is set to what the file says, every served subnet
     * the file does not name is removed. What a start does when it knows no earlier file.
     *
     * @param previous every subnet the log knows, removed ones included ({@link SettingsView#known()})
     * @param desired  a validated configuration
     * @param at       the time the commands carry
     */
    public static List<SubnetCommand> between(Collection<ConfiguredSubnet> previous, LeaseLedgerConfiguration desired,
            Instant at) {
        return between(previous, desired, Optional.empty(), at);
    }

    /**
     * Three-way, per subnet: only what the file changed since {@code lastApplied} (the file as the
     * previous start applied it) is applied, so that what the HTTP API changed in between is not
     * undone by a restart. A subnet the file did not change is left as the log has it; a subnet
     * whose block changed, or that is new in the file, is set to what the file now says (the
     * operator's latest word on it); a subnet that left the file is removed; subnets that only the
     * API ever defined stay. Without {@code lastApplied}, as {@link #between(Collection, LeaseLedgerConfiguration, Instant)}.
     */
    public static List<SubnetCommand> between(Collection<ConfiguredSubnet> previous, LeaseLedgerConfiguration desired,
            Optional<LeaseLedgerConfiguration> lastApplied, Instant at) {
        return between(previous, desired, lastApplied, Map.of(), at);
    }

    /**
     * As {@link #between(Collection, LeaseLedgerConfiguration, Optional, Instant)}, with the file's
     * global {@code options} as a block of their own ({@link GlobalOptions#inForce}): unchanged in
     * the file, the log's latest word on each code stands ({@code globalWord},
     * {@link SettingsView#globalWord()}); changed, the file's list is set. Either way every served
     * subnet — one only the API defined included — ends with exactly the global snippets in force,
     * and a change of them alone leaves the rest of each subnet as the log has it.
     */
    public static List<SubnetCommand> between(Collection<ConfiguredSubnet> previous, LeaseLedgerConfiguration desired,
            Optional<LeaseLedgerConfiguration> lastApplied,
            Map<Integer, Optional<ConfiguredSubnet.Snippet>> globalWord, Instant at) {
        Map<Integer, ConfiguredSubnet.Snippet> globals = GlobalOptions.inForce(desired, lastApplied, globalWord);
        Map<SubnetId, ConfiguredSubnet> before = new LinkedHashMap<>();
        previous.forEach(s -> before.put(s.id(), s));
        // Blocks compared without the global snippets: those are a block of their own, above.
        Optional<Map<SubnetId, ConfiguredSubnet>> blocksBefore = lastApplied.map(ConfigurationDiff::blocks);
        Map<SubnetId, ConfiguredSubnet> blocksNow = blocks(desired);
        List<SubnetCommand> out = new ArrayList<>();
        for (SubnetConfiguration subnet : desired.subnets()) {
            ConfiguredSubnet want = ConfiguredSubnet.desired(subnet, globals);
            ConfiguredSubnet have = before.remove(want.id());
            boolean unchangedInFile = blocksBefore.map(f -> blocksNow.get(want.id()).equals(f.get(want.id())))
                    .orElse(false);
            if (!unchangedInFile) {
                subnet(have, want, at, out);
            } else if (have != null && have.served()) {
                unsaidUntilNow(have, want, at, out);
                out.addAll(GlobalOptions.toward(have, globals, at));
            }
        }
        for (ConfiguredSubnet s : before.values()) {
            if (!s.served()) {
                continue;
            }
            if (blocksBefore.map(f -> f.containsKey(s.id())).orElse(true)) {
                out.add(new RemoveSubnet(s.id(), at));
            } else {
                out.addAll(GlobalOptions.toward(s, globals, at)); // only the API defined it: global is every subnet
            }
        }
        return out;
    }

    private static Map<SubnetId, ConfiguredSubnet> blocks(LeaseLedgerConfiguration config) {
        Map<SubnetId, ConfiguredSubnet> out = new LinkedHashMap<>();
        for (SubnetConfiguration s : config.subnets()) {
            ConfiguredSubnet block = ConfiguredSubnet.desired(s, Map.of());
            out.put(block.id(), block);
        }
        return out;
    }

    /**
     * The commands for one subnet; {@code have} is null when the log never defined it. A removed
     * subnet is defined again and keeps what it had (as the aggregate does), so only the difference follows.
     */
    static void subnet(ConfiguredSubnet have, ConfiguredSubnet want, Instant at, List<SubnetCommand> out) {
        SubnetId id = want.id();
        if (have == null || !have.served()) {
            out.add(new DefineSubnet(id, want.cidr(), want.settings(), at));
            if (have == null) {
                have = new ConfiguredSubnet(id, want.cidr(), want.settings(), Map.of(), Map.of(), Map.of(),
                        Optional.empty(), true);
            }
        } else if (!have.settings().equals(want.settings())) {
            out.add(new ChangeSubnet(id, want.settings(), at));
        }
        for (Map.Entry<AddressRange, RangeKind> r : have.ranges().entrySet()) {
            if (want.ranges().get(r.getKey()) != r.getValue()) {
                out.add(new RemoveRange(id, r.getKey(), at));
            }
        }
        for (SnippetKey k : have.snippets().keySet()) {
            if (!want.snippets().containsKey(k)) {
                out.add(new RemoveOptionSnippet(id, k.scope(), k.hostOrNull(), k.code(), at));
            }
        }
        for (ConfiguredSubnet.Reservation h : have.hosts().values()) {
            ConfiguredSubnet.Reservation w = want.hosts().get(h.mac());
            // A reservation that moves is dropped first: another host may be taking its old address in this same run.
            if (w == null || !w.address().equals(h.address())) {
                out.add(new UnreserveHost(id, h.mac(), at));
            }
        }
        for (Map.Entry<AddressRange, RangeKind> r : want.ranges().entrySet()) {
            if (have.ranges().get(r.getKey()) != r.getValue()) {
                out.add(new AddRange(id, r.getKey(), r.getValue(), at));
            }
        }
        for (ConfiguredSubnet.Reservation w : want.hosts().values()) {
            if (!w.equals(have.hosts().get(w.mac()))) {
                out.add(new ReserveHost(id, w.mac(), w.address(), w.hostname().orElse(null), at));
            }
        }
        for (Map.Entry<SnippetKey, ConfiguredSubnet.Snippet> s : want.snippets().entrySet()) {
            ConfiguredSubnet.Snippet had = have.snippets().get(s.getKey());
            if (had == null || !had.value().equals(s.getValue().value())
                    || had.sentUnasked() != s.getValue().sentUnasked()) {
                out.add(setSnippet(id, s.getKey(), s.getValue(), at));
            }
        }
        pxe(have, want, at, out);
    }

    /**
     * For a subnet whose block the file did not change: what a log written before 2026-12-02 could
     * not say and the file's reply settings stood in for until then — the PXE settings, and the
     * always-send marks of snippets the log has with the file's value — recorded from the file
     * (global snippets' marks are {@link GlobalOptions#toward}'s, as they are the global block's).
     * Nothing for a log that has said them, whatever it said (the API's word stands).
     */
    private static void unsaidUntilNow(ConfiguredSubnet have, ConfiguredSubnet want, Instant at, List<SubnetCommand> out) {
        for (Map.Entry<SnippetKey, ConfiguredSubnet.Snippet> s : want.snippets().entrySet()) {
            ConfiguredSubnet.Snippet had = have.snippets().get(s.getKey());
            if (s.getKey().scope() != OptionScope.GLOBAL && had != null && had.alwaysSend() == null && s.getValue().sentUnasked()
                    && had.value().equals(s.getValue().value())) {
                out.add(setSnippet(want.id(), s.getKey(), s.getValue(), at));
            }
        }
        if (have.pxe().isEmpty()) {
            pxe(have, want, at, out);
        }
    }

    private static SetOptionSnippet setSnippet(SubnetId id, SnippetKey k, ConfiguredSubnet.Snippet s, Instant at) {
        return new SetOptionSnippet(id, k.scope(), k.hostOrNull(), k.code(), s.value(), s.sentUnasked(), at);
    }

    /** The PXE settings, when the file's differ from the log's (never said in the log: none). */
    private static void pxe(ConfiguredSubnet have, ConfiguredSubnet want, Instant at, List<SubnetCommand> out) {
        PxeSettings wanted = want.pxe().orElse(PxeSettings.NONE);
        if (!wanted.equals(have.pxe().orElse(PxeSettings.NONE))) {
            out.add(new SetPxeSettings(want.id(), wanted, at));
        }
    }

}
