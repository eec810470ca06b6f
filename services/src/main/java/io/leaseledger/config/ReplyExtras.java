package io.leaseledger.config;

import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reply settings the event log does not carry, taken from the configuration file as loaded:
 * PXE per subnet (with the global defaults for subnets the file does not name) and which snippets
 * are marked {@code always-send}. Configuration events carry option payloads only.
 */
public record ReplyExtras(PxeBoot globalPxe, Map<SubnetId, PxeBoot> pxe, Map<SubnetId, Set<SnippetKey>> alwaysSend) {

    public static final ReplyExtras NONE = new ReplyExtras(PxeBoot.NONE, Map.of(), Map.of());

    public ReplyExtras {
        pxe = Map.copyOf(pxe);
        alwaysSend = Map.copyOf(alwaysSend);
    }

    public static ReplyExtras from(LeaseLedgerConfiguration config) {
        Map<SubnetId, PxeBoot> pxe = new HashMap<>();
        Map<SubnetId, Set<SnippetKey>> always = new HashMap<>();
        for (SubnetConfiguration s : config.subnets()) {
            pxe.put(s.id(), s.pxe());
            Set<SnippetKey> keys = new HashSet<>();
            config.options().stream().filter(OptionSnippet::alwaysSend).forEach(o -> keys.add(SnippetKey.global(o.code())));
            s.options().stream().filter(OptionSnippet::alwaysSend).forEach(o -> keys.add(SnippetKey.subnet(o.code())));
            s.hosts().forEach(h -> h.options().stream().filter(OptionSnippet::alwaysSend)
                    .forEach(o -> keys.add(SnippetKey.host(h.mac(), o.code()))));
            always.put(s.id(), Set.copyOf(keys));
        }
        return new ReplyExtras(config.pxe(), pxe, always);
    }

    PxeBoot pxeFor(SubnetId id) {
        return Optional.ofNullable(pxe.get(id)).orElse(globalPxe);
    }

    boolean alwaysSend(SubnetId id, SnippetKey key) {
        return alwaysSend.getOrDefault(id, Set.of()).contains(key);
    }
}
