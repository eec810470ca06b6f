package io.leaseledger.wire.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.wire.arp.ArpListener;
import io.leaseledger.wire.foreign.ForeignDhcpListener;
import io.leaseledger.wire.mdns.MdnsListener;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Without CAP_NET_RAW the kernel refuses the packet socket: each listener on one (ARP, foreign
 * DHCP, mDNS) says so and listens to nothing, and starting it does not fail. Capabilities belong to a thread (capset(2)), so the test
 * drops CAP_NET_RAW on a thread of its own and starts the listener there; the rest of the JVM
 * keeps its capabilities.
 */
class ListenersWithoutCapabilityTest {
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;
    private static final int CAP_NET_RAW = 13;

    @Test
    void theArpListenerHearsNothingAndNothingFails() throws Exception {
        assertThat(withoutCapNetRaw(() -> {
            try (ArpListener listener = ArpListener.start(List.of("lo", "lo"), sighting -> { })) {
                return listener.interfaces();
            }
        })).isEmpty();
    }

    @Test
    void theForeignDhcpListenerHearsNothingAndNothingFails() throws Exception {
        assertThat(withoutCapNetRaw(() -> {
            try (ForeignDhcpListener listener = ForeignDhcpListener.start(List.of("lo", "lo"), reply -> { })) {
                return listener.interfaces();
            }
        })).isEmpty();
    }

    @Test
    void theMdnsListenerHearsNothingAndNothingFails() throws Exception {
        assertThat(withoutCapNetRaw(() -> {
            try (MdnsListener listener = MdnsListener.start(List.of("lo", "lo"), name -> { })) {
                return listener.interfaces();
            }
        })).isEmpty();
    }

    /** Runs {@code start} on a thread of its own that has dropped CAP_NET_RAW; its result. */
    private static List<String> withoutCapNetRaw(Callable<List<String>> start) throws Exception {
        Assumptions.assumeTrue(hasCapNetRaw(), "the process lacks CAP_NET_RAW already: covered by running at all");
        var result = new CompletableFuture<List<String>>();
        Thread.ofPlatform().name("no-cap-net-raw").start(() -> {
            try {
                dropCapNetRawFromThisThread();
                result.complete(start.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    private static boolean hasCapNetRaw() throws Exception {
        String status = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/status"));
        long effective = status.lines().filter(l -> l.startsWith("CapEff:")).map(l -> Long.parseLong(l.substring(7).strip(), 16))
                .findFirst().orElse(0L);
        return (effective & (1L << CAP_NET_RAW)) != 0;
    }

    private static void dropCapNetRawFromThisThread() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle capget = linker.downcallHandle(linker.defaultLookup().findOrThrow("capget"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        MethodHandle capset = linker.downcallHandle(linker.defaultLookup().findOrThrow("capset"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment header = arena.allocate(8, 4); // {u32 version; int pid (0: this thread)}
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            MemorySegment data = arena.allocate(24, 4); // two {u32 effective, permitted, inheritable}
            if ((int) capget.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capget failed");
            }
            data.set(JAVA_INT, 0, data.get(JAVA_INT, 0) & ~(1 << CAP_NET_RAW));
            header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
            if ((int) capset.invokeExact(header, data) != 0) {
                throw new IllegalStateException("capset failed");
            }
        }
    }
}
