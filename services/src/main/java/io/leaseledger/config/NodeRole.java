package io.leaseledger.config;

import java.util.Locale;

/**
 * What a node does ({@code node.role}). The rack's event store is the source of truth; Kafka
 * carries it to the region.
 */
public enum NodeRole {
    /** Serves DHCP, keeps its local event store, publishes every event to Kafka. */
    RACK,
    /** Serves no DHCP: consumes the topics and keeps the projections and the HTTP API. */
    REGION,
    /** Everything in one process (the default); Kafka optional: with a {@code kafka:} block it publishes too. */
    ALL;

    public static NodeRole fromName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "rack" -> RACK;
            case "region" -> REGION;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException("rack, region or all");
        };
    }

    /** Whether this node answers DHCP (and so owns an event store that it may publish). */
    public boolean servesDhcp() {
        return this != REGION;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
