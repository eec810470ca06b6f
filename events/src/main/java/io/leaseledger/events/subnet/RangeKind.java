package io.leaseledger.events.subnet;

import java.util.Locale;

/**
 * The two kinds of IP range MAAS knows (seed "MAAS IP ranges"; MAAS's API calls them
 * {@code dynamic} and {@code reserved}).
 *
 * <p>Meaning on a <b>managed</b> subnet, the only kind on which this server leases:
 * <ul>
 *   <li>{@link #DYNAMIC} — MAAS's "reserved dynamic range": the pool DHCP leases from (for
 *       enlisting, commissioning and deployment). Nothing else is ever leased by DHCP.</li>
 *   <li>{@link #RESERVED} — "MAAS will never assign IP addresses inside this range":
 *       infrastructure, network hardware, another DHCP server. Never offered, never acked.</li>
 * </ul>
 * On an <b>unmanaged</b> subnet "DHCP will never lease addresses" at all: the ranges are kept
 * (a reserved range there is where MAAS's own static "Auto assign" may pick) but DHCP is silent.
 */
public enum RangeKind {
    /** The DHCP pool; MAAS calls it "reserved dynamic range". */
    DYNAMIC,
    /** Never handed out by DHCP. */
    RESERVED;

    /**
     * Reads the names operators use: "dynamic", "reserved-dynamic", "reserved_dynamic",
     * "reserved dynamic" mean {@link #DYNAMIC}; "reserved" means {@link #RESERVED}.
     */
    public static RangeKind fromName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("range kind must not be null");
        }
        return switch (name.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-')) {
            case "dynamic", "reserved-dynamic" -> DYNAMIC;
            case "reserved" -> RESERVED;
            default -> throw new IllegalArgumentException(
                    "range kind must be \"dynamic\" (also \"reserved-dynamic\") or \"reserved\", got \"" + name + "\"");
        };
    }
}
