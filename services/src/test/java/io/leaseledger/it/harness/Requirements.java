package io.leaseledger.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Skips (never fails) a test whose environment cannot run it: not root, or a Debian peer tool
 * missing. The reason says what is missing and how CI gets it.
 */
public final class Requirements {
    /** Debian's python, which has scapy; {@code python3} on the PATH may be another one. */
    public static final String DEBIAN_PYTHON = "/usr/bin/python3";

    private static final List<String> DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin");

    private Requirements() {}

    public static void assumeRootAndTools(String... tools) {
        assumeTrue(isRoot(), "needs root to create network namespaces (CI runs as root)");
        for (String tool : tools) {
            assumeTrue(locate(tool).isPresent(), tool + " is not installed (.ci/install-peers installs it)");
        }
        assumeTrue(namespacesWork(), "cannot create a network namespace here (ip netns add failed)");
    }

    /**
     * What a test of a served LAN needs: root, {@code ip}, the server under test's own tools
     * ({@link DhcpServer#requiredTools}) and the client side's {@code clientTools}.
     */
    public static void assumeServedLan(String... clientTools) {
        List<String> tools = new java.util.ArrayList<>(List.of("ip"));
        tools.addAll(List.of(clientTools));
        tools.addAll(DhcpServer.requiredTools());
        assumeRootAndTools(tools.toArray(String[]::new));
    }

    public static void assumeScapy() {
        assumeTrue(Files.isExecutable(Path.of(DEBIAN_PYTHON)), DEBIAN_PYTHON + " is missing");
        CommandResult probe = Commands.run(Duration.ofSeconds(30), DEBIAN_PYTHON, "-c", "import scapy.all");
        assumeTrue(probe.succeeded(), "scapy is not importable from " + DEBIAN_PYTHON + " (package python3-scapy)");
    }

    /** The absolute path of an executable, looked up in the system directories. */
    public static Optional<Path> locate(String tool) {
        if (tool.startsWith("/")) {
            return Optional.of(Path.of(tool)).filter(Files::isExecutable);
        }
        return DIRS.stream().map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst();
    }

    public static String path(String tool) {
        return locate(tool).orElseThrow(() -> new IllegalStateException(tool + " not found")).toString();
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"))
                || Commands.run(Duration.ofSeconds(5), "id", "-u").stdout().strip().equals("0");
    }

    private static volatile Boolean namespacesWork;

    private static boolean namespacesWork() {
        if (namespacesWork == null) {
            try (NetworkNamespace probe = NetworkNamespace.create("p")) {
                namespacesWork = probe.exec("ip", "link", "show", "lo").succeeded();
            } catch (RuntimeException e) {
                namespacesWork = false;
            }
        }
        return namespacesWork;
    }
}
