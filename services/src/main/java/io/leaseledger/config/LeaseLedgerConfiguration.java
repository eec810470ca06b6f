package io.leaseledger.config;

import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole configuration file, read and validated ({@link ConfigurationLoader}).
 *
 * @param server  what the transport serves
 * @param store   where events are kept
 * @param api     the HTTP API (disabled without an {@code api:} block)
 * @param projections where the read models live ({@link ProjectionsConfiguration})
 * @param options global option snippets, sent on every subnet unless a subnet or host overrides them
 * @param pxe     PXE defaults that every subnet inherits key by key
 * @param subnets the subnets, in file order
 * @param node    this node's name and role
 * @param kafka   where the event stream goes (or, for a region, comes from); empty: no streaming
 * @param ha      the hot-standby pair this rack is half of; empty: it serves alone
 * @param dhcp6   stateless DHCPv6 (docs/dhcpv6.md); empty: no DHCPv6
 * @param text    the YAML it was read from (empty when built in code): a start records it as the
 *                file last applied, so that the next start applies only what the file changed
 */
public record LeaseLedgerConfiguration(
        ServerConfiguration server,
        StoreConfiguration store,
        ApiConfiguration api,
        ProjectionsConfiguration projections,
        List<OptionSnippet> options,
        PxeBoot pxe,
        List<SubnetConfiguration> subnets,
        NodeConfiguration node,
        Optional<KafkaConfiguration> kafka,
        Optional<HaConfiguration> ha,
        Optional<Dhcp6Configuration> dhcp6,
        String text) {

    /** A single node ({@code role: all}) that streams nowhere. */
    public LeaseLedgerConfiguration(ServerConfiguration server, StoreConfiguration store, ApiConfiguration api,
                                    List<OptionSnippet> options, PxeBoot pxe, List<SubnetConfiguration> subnets) {
        this(server, store, api, ProjectionsConfiguration.defaults(store), options, pxe, subnets,
                NodeConfiguration.defaults(), Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    /** The same configuration, remembering the YAML it was read from. */
    public LeaseLedgerConfiguration withText(String yaml) {
        return new LeaseLedgerConfiguration(server, store, api, projections, options, pxe, subnets, node, kafka, ha, dhcp6,
                yaml);
    }

    public LeaseLedgerConfiguration {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(projections, "projections");
        options = List.copyOf(options);
        Objects.requireNonNull(pxe, "pxe");
        subnets = List.copyOf(subnets);
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(ha, "ha");
        Objects.requireNonNull(dhcp6, "dhcp6");
        Objects.requireNonNull(text, "text");
    }
}
