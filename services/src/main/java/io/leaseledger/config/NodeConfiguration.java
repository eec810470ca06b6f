package io.leaseledger.config;

import java.util.Objects;

/**
 * The {@code node:} block: who this node is and what it does.
 *
 * @param name the node's name: the CloudEvents {@code source} of what it publishes, and the Kafka
 *             client id's suffix. Default: the host name.
 * @param role {@code rack}, {@code region} or {@code all} (default)
 */
public record NodeConfiguration(String name, NodeRole role) {

    public NodeConfiguration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }

    /** A single node named after the host. */
    public static NodeConfiguration defaults() {
        return new NodeConfiguration(hostName(), NodeRole.ALL);
    }

    static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "leaseledger";
        }
    }

    static NodeConfiguration read(YamlNode n) {
        String name = n.parsed("name", "a node name (letters, digits, '.', '_' and '-', at most 64)",
                NodeConfiguration::nodeName).orElseGet(NodeConfiguration::hostName);
        NodeRole role = n.parsed("role", "a node role (rack, region or all)", NodeRole::fromName).orElse(NodeRole.ALL);
        n.finish();
        return new NodeConfiguration(name, role);
    }

    /** Becomes part of a URI (ce_source) and of the Kafka client id: a conservative alphabet. */
    static String nodeName(String s) {
        if (s.isEmpty() || s.length() > 64 || !s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || c == '.' || c == '_' || c == '-')) {
            throw new IllegalArgumentException("letters, digits, '.', '_' and '-', 1 to 64 characters");
        }
        return s;
    }
}
