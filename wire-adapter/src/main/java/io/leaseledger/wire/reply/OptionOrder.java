package io.leaseledger.wire.reply;

import io.leaseledger.wire.dhcp4.OptionCode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which configured options a reply carries, in which order (RFC 2131 §4.3.1, RFC 2132 §9.8):
 * <ol>
 *   <li>those the client asked for in its parameter request list (55), in the order it asked;</li>
 *   <li>then, in code order, the ones sent unasked: the basic options (subnet mask 1, routers 3,
 *       DNS servers 6, domain name 15 — Kea's choice too: a client that forgot to ask still needs
 *       them to use its address), the snippets marked always-send, and what a boot choice forces.</li>
 * </ol>
 * A client that sends no parameter request list gets every configured option, in code order.
 */
final class OptionOrder {

    /** Sent unasked when configured. */
    static final Set<Integer> BASIC = Set.of(1, 3, 6, 15);

    private OptionOrder() {}

    /**
     * @param prl        the client's parameter request list, empty when it sent none (or a malformed one)
     * @param configured the options available for this reply, one per code
     * @param forced     codes sent whether asked or not, besides the basic ones and always-send snippets
     */
    static List<OptionSnippet> order(Optional<List<OptionCode>> prl, Map<Integer, OptionSnippet> configured, Set<Integer> forced) {
        if (prl.isEmpty()) {
            return configured.values().stream().sorted(java.util.Comparator.comparingInt(OptionSnippet::code)).toList();
        }
        Map<Integer, OptionSnippet> out = new LinkedHashMap<>();
        for (OptionCode c : prl.get()) {
            OptionSnippet s = configured.get(c.value());
            if (s != null) {
                out.putIfAbsent(s.code(), s);
            }
        }
        List<OptionSnippet> unasked = new ArrayList<>();
        for (OptionSnippet s : configured.values()) {
            if (!out.containsKey(s.code()) && (s.alwaysSend() || BASIC.contains(s.code()) || forced.contains(s.code()))) {
                unasked.add(s);
            }
        }
        unasked.sort(java.util.Comparator.comparingInt(OptionSnippet::code));
        List<OptionSnippet> ordered = new ArrayList<>(out.values());
        ordered.addAll(unasked);
        return ordered;
    }
}
