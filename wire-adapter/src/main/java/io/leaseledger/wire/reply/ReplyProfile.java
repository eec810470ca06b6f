package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a reply to one client on one subnet carries besides the decision: read from the
 * settings view (never from the write path), one per request.
 *
 * @param serverIdentifier option 54: the configured one, or the address the request came in on
 * @param subnet           the selected subnet; its netmask is option 1
 * @param options          the option snippets in force for this client, one per code, precedence
 *                         (global &lt; subnet &lt; host) already applied; routers (3), DNS servers (6)
 *                         and domain (15) are among them
 * @param hostname         option 12, from the client's reservation
 * @param pxe              the subnet's PXE settings
 */
public record ReplyProfile(
        Ipv4Address serverIdentifier, Cidr subnet, List<OptionSnippet> options, Optional<Hostname> hostname, PxeBoot pxe) {

    public ReplyProfile {
        Objects.requireNonNull(serverIdentifier, "serverIdentifier");
        Objects.requireNonNull(subnet, "subnet");
        options = List.copyOf(options);
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(pxe, "pxe");
        if (options.stream().map(OptionSnippet::code).distinct().count() != options.size()) {
            throw new IllegalArgumentException("one snippet per option code: precedence is applied before the profile");
        }
    }
}
