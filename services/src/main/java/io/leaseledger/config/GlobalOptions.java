package io.leaseledger.config;

import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.RemoveOptionSnippet;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.wire.reply.OptionSnippet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The global option snippets: which are in force, and the commands that bring one subnet to them.
 *
 * <p>A global snippet has no stream of its own: every served subnet's stream carries it (scope
 * {@code GLOBAL}), so that one subnet's replies can be rebuilt from its own events alone. The set
 * in force is the latest word of the log per option code — the last {@code OptionSnippetSet} or
 * {@code OptionSnippetRemoved} of global scope, in whichever subnet's stream
 * ({@link SettingsView#globalSnippets()}) — and a subnet whose global snippets differ from it (one
 * defined since, one a write did not reach) is brought to it by {@link #toward}.
 */
public final class GlobalOptions {

    private GlobalOptions() {}

    /** The file's global {@code options} list, by code. */
    public static SortedMap<Integer, ConfiguredSubnet.Snippet> of(List<OptionSnippet> options) {
        SortedMap<Integer, ConfiguredSubnet.Snippet> out = new TreeMap<>();
        options.forEach(o -> out.put(o.code(), ConfiguredSubnet.Snippet.of(o)));
        return out;
    }

    /**
     * What is in force once {@code file} is applied, by the same three-way rule as a subnet's block:
     * the file's list when it changed since {@code lastApplied} (or none was recorded); otherwise
     * the file's list overlaid by the log's latest word per code, so that what the HTTP API set or
     * removed since stays.
     *
     * @param logWord per code, the log's latest global snippet, or empty where it was last removed
     */
    public static SortedMap<Integer, ConfiguredSubnet.Snippet> inForce(LeaseLedgerConfiguration file,
            Optional<LeaseLedgerConfiguration> lastApplied, Map<Integer, Optional<ConfiguredSubnet.Snippet>> logWord) {
        SortedMap<Integer, ConfiguredSubnet.Snippet> out = of(file.options());
        boolean unchangedInFile = lastApplied.map(before -> of(before.options()).equals(out)).orElse(false);
        if (unchangedInFile) {
            logWord.forEach((code, word) -> word.ifPresentOrElse(s -> out.put(code, s), () -> out.remove(code)));
        }
        return out;
    }

    /** The commands that make {@code subnet}'s global snippets exactly {@code inForce} (none when they are). */
    public static List<SubnetCommand> toward(ConfiguredSubnet subnet, Map<Integer, ConfiguredSubnet.Snippet> inForce,
            Instant at) {
        List<SubnetCommand> out = new ArrayList<>();
        for (SnippetKey k : subnet.snippets().keySet()) {
            if (k.scope() == OptionScope.GLOBAL && !inForce.containsKey(k.code())) {
                out.add(new RemoveOptionSnippet(subnet.id(), OptionScope.GLOBAL, null, k.code(), at));
            }
        }
        inForce.forEach((code, wanted) -> {
            ConfiguredSubnet.Snippet had = subnet.snippets().get(SnippetKey.global(code));
            if (had == null || !had.value().equals(wanted.value()) || had.sentUnasked() != wanted.sentUnasked()) {
                out.add(new SetOptionSnippet(subnet.id(), OptionScope.GLOBAL, null, code, wanted.value(),
                        wanted.sentUnasked(), at));
            }
        });
        return out;
    }
}
