package io.leaseledger.config;

import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The reply setting the event log does not carry, taken from the configuration file as loaded:
 * which snippets are marked {@code always-send}. Configuration events carry option payloads only.
 */
public record ReplyExtras(Map<SubnetId, Set<SnippetKey>> alwaysSend) {

    public static final ReplyExtras NONE = new ReplyExtras(Map.of());

    public ReplyExtras {
        alwaysSend = Map.copyOf(alwaysSend);
    }

    public static ReplyExtras from(LeaseLedgerConfiguration config) {
        Map<SubnetId, Set<SnippetKey>> always = new HashMap<>();
        for (SubnetConfiguration s : config.subnets()) {
            Set<SnippetKey> keys = new HashSet<>();
            config.options().stream().filter(OptionSnippet::alwaysSend).forEach(o -> keys.add(SnippetKey.global(o.code())));
            s.options().stream().filter(OptionSnippet::alwaysSend).forEach(o -> keys.add(SnippetKey.subnet(o.code())));
            s.hosts().forEach(h -> h.options().stream().filter(OptionSnippet::alwaysSend)
                    .forEach(o -> keys.add(SnippetKey.host(h.mac(), o.code()))));
            always.put(s.id(), Set.copyOf(keys));
        }
        return new ReplyExtras(always);
    }

    boolean alwaysSend(SubnetId id, SnippetKey key) {
        return alwaysSend.getOrDefault(id, Set.of()).contains(key);
    }
}
