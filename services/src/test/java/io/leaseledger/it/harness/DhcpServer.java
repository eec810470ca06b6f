package io.leaseledger.it.harness;

import java.nio.file.Path;
import java.util.List;

/**
 * The server under test, running inside a namespace and serving some of its interfaces.
 * LeaseLedger by default; {@code -Dleaseledger.it.server=dnsmasq} runs the same tests against
 * Debian's dnsmasq, which checks the harness itself and documents reference behaviour.
 */
public interface DhcpServer extends AutoCloseable {
    String SERVER_PROPERTY = "leaseledger.it.server";

    /**
     * Everything the server needs to start: where, on which interfaces, what it serves.
     *
     * @param serverOptions further keys of LeaseLedger's {@code server:} block, as YAML values (other servers ignore them)
     * @param extraYaml     further top-level blocks of LeaseLedger's file ({@code node:}, {@code kafka:}, {@code ha:})
     */
    record Setup(NetworkNamespace namespace, List<String> interfaces, String serverAddress,
                 List<ServedSubnet> subnets, Path dir, java.util.Map<String, String> serverOptions, String extraYaml) {
        public Setup {
            interfaces = List.copyOf(interfaces);
            subnets = List.copyOf(subnets);
            serverOptions = java.util.Map.copyOf(serverOptions);
            java.util.Objects.requireNonNull(extraYaml, "extraYaml");
            TestNetwork.requireTestAddress(serverAddress);
        }

        public Setup(NetworkNamespace namespace, List<String> interfaces, String serverAddress,
                     List<ServedSubnet> subnets, Path dir, java.util.Map<String, String> serverOptions) {
            this(namespace, interfaces, serverAddress, subnets, dir, serverOptions, "");
        }

        public Setup(NetworkNamespace namespace, List<String> interfaces, String serverAddress,
                     List<ServedSubnet> subnets, Path dir) {
            this(namespace, interfaces, serverAddress, subnets, dir, java.util.Map.of());
        }
    }

    /** Starts the configured server and returns once it is ready to answer. */
    static DhcpServer start(Setup setup) {
        String which = System.getProperty(SERVER_PROPERTY, "leaseledger");
        return switch (which) {
            case "leaseledger" -> LeaseLedgerServer.start(setup);
            case "dnsmasq" -> DnsmasqServer.start(setup);
            default -> throw new IllegalArgumentException(SERVER_PROPERTY + "=" + which + ": leaseledger or dnsmasq");
        };
    }

    /** The tools a server needs on this machine, for {@link Requirements}. */
    static List<String> requiredTools() {
        return "dnsmasq".equals(System.getProperty(SERVER_PROPERTY)) ? List.of("dnsmasq", "ss") : List.of("ss");
    }

    ChildProcess process();

    /** Whether this is LeaseLedger (and not the reference server). */
    boolean isLeaseLedger();

    @Override
    void close();
}
