package io.leaseledger.it.harness;

import java.nio.file.Path;

/**
 * The server's YAML configuration for a test, in the keys of {@code io.leaseledger.config}
 * (see {@code docs/configuration.md} and {@code examples/lab.yaml}): the interfaces to serve on
 * the standard port, the store (H2 in the test's temp dir, or the event store and projections
 * in PostgreSQL databases, {@link ServerDatabases}), and the subnets. The only place the tests
 * know the config keys.
 */
final class LeaseLedgerConfig {
    private LeaseLedgerConfig() {}

    static String render(DhcpServer.Setup setup, Path storeDir, java.util.Optional<String> durability,
                         ServerDatabases databases) {
        return render(setup.interfaces(), setup.subnets(), storeDir, durability, databases, setup.serverOptions())
                + setup.extraYaml();
    }

    static String render(java.util.List<String> interfaces, java.util.List<ServedSubnet> subnets, Path storeDir) {
        return render(interfaces, subnets, storeDir, java.util.Optional.empty());
    }

    /** With {@code durability} ({@code commit} or {@code fsync}) when given; the server's default otherwise. */
    static String render(java.util.List<String> interfaces, java.util.List<ServedSubnet> subnets, Path storeDir,
                         java.util.Optional<String> durability) {
        return render(interfaces, subnets, storeDir, durability, ServerDatabases.h2());
    }

    /** With the event store and projections in {@code databases} ({@code storeDir} keeps the node's own files). */
    static String render(java.util.List<String> interfaces, java.util.List<ServedSubnet> subnets, Path storeDir,
                         java.util.Optional<String> durability, ServerDatabases databases) {
        return render(interfaces, subnets, storeDir, durability, databases, java.util.Map.of());
    }

    /** With further keys of the {@code server:} block, in key order. */
    static String render(java.util.List<String> interfaces, java.util.List<ServedSubnet> subnets, Path storeDir,
                         java.util.Optional<String> durability, ServerDatabases databases,
                         java.util.Map<String, String> serverOptions) {
        StringBuilder y = new StringBuilder("# Written by the real-client test harness (io.leaseledger.it.harness).\n");
        y.append("server:\n");
        y.append("  interfaces: [").append(String.join(", ", interfaces)).append("]\n");
        y.append("  port: 67\n");
        // The warm-up's own tests are WarmupTest and LeaseLedgerNodeTest; here it is a cost on every
        // server start (up to its rounds, 5-19 s, instead of the 5 s the ITs have always run with).
        y.append("  warm-up: 5s\n");
        new java.util.TreeMap<>(serverOptions).forEach((key, value) -> y.append("  ").append(key).append(": ").append(value).append('\n'));
        y.append("store:\n");
        y.append("  path: ").append(quote(storeDir.toString())).append('\n');
        durability.ifPresent(d -> y.append("  durability: ").append(d).append('\n'));
        switch (databases) {
            case ServerDatabases.H2 _ -> y.append("  kind: h2\n");
            case PostgresDatabases pg -> {
                y.append("  kind: postgresql\n");
                y.append("  url: ").append(quote(pg.storeUrl())).append('\n');
                y.append("  user: ").append(pg.user()).append('\n');
                y.append("projections:\n");
                y.append("  kind: postgresql\n");
                y.append("  url: ").append(quote(pg.projectionsUrl())).append('\n');
                y.append("  user: ").append(pg.user()).append('\n');
            }
        }
        if (!subnets.isEmpty()) { // none: the extra YAML has them (a converted configuration's)
            y.append("subnets:\n");
        }
        for (ServedSubnet s : subnets) {
            y.append("  - cidr: ").append(s.cidr()).append('\n');
            y.append("    gateway: ").append(s.gateway()).append('\n');
            y.append("    dns-servers: [").append(String.join(", ", s.dns())).append("]\n");
            y.append("    domain: ").append(s.domain()).append('\n');
            y.append("    managed: true\n");
            y.append("    authoritative: true\n");
            y.append("    lease-time: ").append(s.leaseTime().toSeconds()).append("s\n");
            y.append("    ranges:\n");
            y.append("      - {start: ").append(s.rangeStart()).append(", end: ").append(s.rangeEnd())
                    .append(", kind: dynamic}\n");
            s.pxe().ifPresent(p -> {
                y.append("    pxe:\n");
                y.append("      next-server: ").append(p.nextServer()).append('\n');
                y.append("      bios: ").append(quote(p.biosFile())).append('\n');
                y.append("      uefi-x64: ").append(quote(p.uefiX64File())).append('\n');
                y.append("      uefi-arm64: ").append(quote(p.uefiArm64File())).append('\n');
                y.append("      ipxe-script: ").append(quote(p.ipxeScript())).append('\n');
                if (p.httpUefiX64Url() != null) {
                    y.append("      http-uefi-x64: ").append(quote(p.httpUefiX64Url())).append('\n');
                }
            });
        }
        return y.toString();
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
