package io.leaseledger.api;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SnippetKey;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A subnet's configuration as the API shows it (JSON): what the configuration events say now.
 *
 * @param id       the subnet's CIDR; in URLs written with {@code -} for {@code /} ({@link SubnetPaths})
 * @param settings lease settings (times in seconds)
 * @param options  option snippets, values as hex of the wire payload, with their always-send marks
 * @param pxe      the PXE settings in force (the file's global block laid under the subnet's)
 */
public record SubnetView(String id, String cidr, Settings settings, List<Range> ranges, List<Host> hosts,
                         List<Option> options, Pxe pxe) {

    public record Settings(boolean managed, boolean authoritative, long leaseTime, long minLeaseTime,
                           long maxLeaseTime, long offerHoldTime, long probationTime, long inUseHoldTime) {
        static Settings of(SubnetSettings s) {
            return new Settings(s.managed(), s.authoritative(), s.leaseTime().seconds(), s.minLeaseTime().seconds(),
                    s.maxLeaseTime().seconds(), s.offerHold().toSeconds(), s.probation().toSeconds(),
                    s.inUseHold().toSeconds());
        }
    }

    /** @param kind {@code dynamic} or {@code reserved} */
    public record Range(String start, String end, String kind) {}

    public record Host(String mac, String address, String hostname) {}

    /**
     * @param scope      {@code global}, {@code subnet} or {@code host}
     * @param host       the MAC for host scope
     * @param alwaysSend sent even when the client's parameter request list does not ask for it
     */
    public record Option(String scope, String host, int code, String value, boolean alwaysSend) {
        /** A global snippet, as {@code GET /api/v1/options} lists it. */
        static Option global(int code, ConfiguredSubnet.Snippet snippet) {
            return of("global", null, code, snippet);
        }

        private static Option of(String scope, String host, int code, ConfiguredSubnet.Snippet snippet) {
            return new Option(scope, host, code, HexFormat.of().formatHex(snippet.value().bytes()), snippet.sentUnasked());
        }
    }

    /** The file's {@code pxe} keys in camel case; null where unset. */
    public record Pxe(String nextServer, String serverName, String bios, String uefiX64, String uefiArm64,
                      String httpUefiX64, String httpUefiArm64, String ipxeScript) {
        static Pxe of(PxeSettings p) {
            return new Pxe(p.nextServer() == null ? null : p.nextServer().toString(), p.serverName(),
                    p.biosBootFile(), p.uefiX64BootFile(), p.uefiArm64BootFile(), p.httpBootX64Url(),
                    p.httpBootArm64Url(), p.ipxeScriptUrl());
        }
    }

    public static SubnetView of(ConfiguredSubnet s) {
        return new SubnetView(s.id().value(), s.cidr().toString(), Settings.of(s.settings()),
                s.ranges().entrySet().stream().map(SubnetView::range).toList(),
                s.hosts().values().stream().map(h -> new Host(h.mac().toString(), h.address().toString(),
                        h.hostname().map(Object::toString).orElse(null))).toList(),
                s.snippets().entrySet().stream().map(SubnetView::option).toList(),
                Pxe.of(s.pxe().orElse(PxeSettings.NONE)));
    }

    private static Range range(Map.Entry<AddressRange, RangeKind> e) {
        return new Range(e.getKey().first().toString(), e.getKey().last().toString(), kindName(e.getValue()));
    }

    static String kindName(RangeKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static Option option(Map.Entry<SnippetKey, ConfiguredSubnet.Snippet> e) {
        SnippetKey k = e.getKey();
        return Option.of(k.scope().name().toLowerCase(Locale.ROOT), k.host().map(Object::toString).orElse(null),
                k.code(), e.getValue());
    }
}
