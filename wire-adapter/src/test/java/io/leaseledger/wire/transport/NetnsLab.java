package io.leaseledger.wire.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Network namespaces for tests: created with a random {@code llt} prefix, veths made directly
 * inside them (the root namespace is never touched), everything removed by {@link #close()}.
 * Code runs inside a namespace on a dedicated thread that {@code setns(2)}s into it: sockets keep
 * the namespace they were created in, so a transport started there serves that namespace.
 */
final class NetnsLab implements AutoCloseable {

    static final String IP = firstExisting("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    static final String PYTHON = "/usr/bin/python3";
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY = 0;

    final String prefix;
    private final List<String> namespaces = new ArrayList<>();
    private final Thread cleanupOnExit = new Thread(this::removeAll, "netns-cleanup");

    NetnsLab() {
        var random = new SecureRandom();
        var suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            suffix.append("abcdefghijklmnopqrstuvwxyz0123456789".charAt(random.nextInt(36)));
        }
        prefix = "llt" + suffix;
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Why namespace tests cannot run here, or null when they can. */
    static String unavailableReason() {
        if (IP == null) {
            return "no `ip` command (iproute2)";
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return "no " + PYTHON;
        }
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            if (!status.lines().anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"))) {
                return "not root (network namespaces need CAP_SYS_ADMIN)";
            }
        } catch (IOException e) {
            return "cannot read /proc/self/status: " + e.getMessage();
        }
        return null;
    }

    /** Adds namespace {@code prefix + name} and brings its loopback up. */
    String namespace(String name) {
        String ns = prefix + name;
        run(IP, "netns", "add", ns);
        namespaces.add(ns);
        run(IP, "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair made inside the namespaces: {@code left} in {@code leftNs}, {@code right} in {@code rightNs}, both up. */
    void veth(String leftNs, String left, String rightNs, String right) {
        run(IP, "-n", leftNs, "link", "add", left, "type", "veth", "peer", "name", right, "netns", rightNs);
        run(IP, "-n", leftNs, "link", "set", left, "up");
        run(IP, "-n", rightNs, "link", "set", right, "up");
    }

    /** Runs {@code work} on a new thread that has entered namespace {@code ns}. */
    <T> T inNamespace(String ns, Callable<T> work) throws Exception {
        var result = new CompletableFuture<T>();
        Thread thread = Thread.ofPlatform().name("in-" + ns).unstarted(() -> {
            try {
                enter(ns);
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        thread.start();
        return result.get(30, TimeUnit.SECONDS);
    }

    /** Runs a command, failing on a non-zero exit; returns its stdout. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            var output = CompletableFuture.supplyAsync(() -> read(process));
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            String text = output.get(5, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException | InterruptedException | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        }
    }

    static String read(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        removeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private synchronized void removeAll() {
        // Deleting a namespace deletes the veth ends inside it, and with them their peers.
        for (String ns : namespaces.reversed()) {
            try {
                new ProcessBuilder(IP, "netns", "del", ns).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + ns + ": " + e);
            }
        }
        namespaces.clear();
    }

    private static void enter(String ns) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle open = linker.downcallHandle(linker.defaultLookup().findOrThrow("open"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        MethodHandle setns = linker.downcallHandle(linker.defaultLookup().findOrThrow("setns"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle close = linker.downcallHandle(linker.defaultLookup().findOrThrow("close"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int fd = (int) open.invokeExact(arena.allocateFrom("/run/netns/" + ns), O_RDONLY, 0);
            if (fd < 0) {
                throw new IllegalStateException("cannot open /run/netns/" + ns);
            }
            int rc = (int) setns.invokeExact(fd, CLONE_NEWNET);
            int ignored = (int) close.invokeExact(fd);
            if (rc != 0) {
                throw new IllegalStateException("setns into " + ns + " failed");
            }
        }
    }

    private static String firstExisting(String... paths) {
        for (String path : paths) {
            if (Files.isExecutable(Path.of(path))) {
                return path;
            }
        }
        return null;
    }
}
