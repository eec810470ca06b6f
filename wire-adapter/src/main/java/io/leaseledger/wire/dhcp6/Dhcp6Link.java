package io.leaseledger.wire.dhcp6;

import java.net.Inet6Address;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One IPv6 link this server gives configuration to: its prefix (which relayed requests are
 * matched by, through the relay's link-address), the interface its clients are heard on directly,
 * if any, and what an Information-request is answered with.
 *
 * @param ntpServers         NTP servers: option 56 (RFC 5908, an address sub-option each) and option 31
 *                           (RFC 4075, SNTP), whichever the client asks for
 * @param informationRefresh option 32 (RFC 8415 §21.23): how long the client may use the answer
 *                           before it asks again; empty: not sent (clients then use 24 hours)
 */
public record Dhcp6Link(Ipv6Prefix prefix, Optional<String> interfaceName, List<Inet6Address> dnsServers,
                        List<String> domainSearch, List<Inet6Address> ntpServers, Optional<Duration> informationRefresh) {

    public Dhcp6Link {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(interfaceName, "interfaceName");
        dnsServers = List.copyOf(dnsServers);
        domainSearch = List.copyOf(domainSearch);
        ntpServers = List.copyOf(ntpServers);
        Objects.requireNonNull(informationRefresh, "informationRefresh");
    }

    /** A link without NTP servers. */
    public Dhcp6Link(Ipv6Prefix prefix, Optional<String> interfaceName, List<Inet6Address> dnsServers,
                     List<String> domainSearch, Optional<Duration> informationRefresh) {
        this(prefix, interfaceName, dnsServers, domainSearch, List.of(), informationRefresh);
    }
}
