package io.leaseledger.wire.transport;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;

/**
 * The two socket calls Netty does not offer, made on a channel's file descriptor through the FFM
 * API ({@code java.lang.foreign}): {@code setsockopt(SO_BINDTODEVICE)} and
 * {@code ioctl(SIOCSARP)}. Constants are Linux's (identical on x86-64 and arm64, the two platforms
 * the build ships epoll for).
 */
final class LinuxSockets {

    private static final int SOL_SOCKET = 1;
    private static final int SO_BINDTODEVICE = 25;
    private static final int SO_RCVBUFFORCE = 33;
    /** linux/sockios.h: set an ARP (neighbour) table entry. */
    private static final long SIOCSARP = 0x8955;
    private static final short AF_INET = 2;
    /** linux/if_arp.h: ARPHRD_ETHER; the kernel rejects an entry whose type is not the device's. */
    private static final short ARPHRD_ETHER = 1;
    /** linux/if_arp.h: ATF_COM, "completed entry (ha valid)"; without ATF_PERM it ages out normally. */
    private static final int ATF_COM = 0x02;

    /** struct arpreq (net/if_arp.h): three struct sockaddr (16 bytes each), flags, device name. */
    private static final long ARP_PA = 0;
    private static final long ARP_HA = 16;
    private static final long ARP_FLAGS = 32;
    private static final long ARP_DEV = 52;
    private static final long ARPREQ_SIZE = 68;

    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle IOCTL;

    static {
        Linker linker = Linker.nativeLinker();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        SETSOCKOPT = linker.downcallHandle(
                linker.defaultLookup().findOrThrow("setsockopt"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT),
                errno);
        // ioctl(int fd, unsigned long request, ...): the third argument is variadic.
        IOCTL = linker.downcallHandle(
                linker.defaultLookup().findOrThrow("ioctl"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                Linker.Option.firstVariadicArg(2),
                errno);
    }

    private LinuxSockets() {
    }

    /**
     * Restricts the socket to one interface: it then receives only what arrived on that link and
     * sends only out of it. Must precede bind() so that several sockets share 0.0.0.0:67, one per
     * link.
     */
    static void bindToDevice(int fd, String interfaceName) throws NativeCallException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] name = interfaceName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment value = arena.allocate(name.length + 1L);
            value.copyFrom(MemorySegment.ofArray(name));
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_BINDTODEVICE, value, name.length + 1);
            if (rc != 0) {
                throw new NativeCallException("setsockopt(SO_BINDTODEVICE, " + interfaceName + ")", errno(state));
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call to setsockopt failed", e);
        }
    }

    /**
     * Sets the socket's receive buffer to {@code bytes} (the kernel doubles it for its own
     * bookkeeping) past {@code net.core.rmem_max}. Needs CAP_NET_ADMIN; without it EPERM.
     */
    static void forceReceiveBuffer(int fd, int bytes) throws NativeCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            value.set(JAVA_INT, 0, bytes);
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) SETSOCKOPT.invokeExact(state, fd, SOL_SOCKET, SO_RCVBUFFORCE, value, (int) JAVA_INT.byteSize());
            if (rc != 0) {
                throw new NativeCallException("setsockopt(SO_RCVBUFFORCE, " + bytes + ")", errno(state));
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call to setsockopt failed", e);
        }
    }

    /**
     * Puts {@code ip → mac} in the neighbour (ARP) table of {@code interfaceName}, in the network
     * namespace of the socket {@code fd}, as a dynamic entry (state STALE: usable at once, then
     * aged out and re-verified by the kernel like any learnt entry). Needs CAP_NET_ADMIN.
     */
    static void setArpEntry(int fd, String interfaceName, Inet4Address ip, byte[] mac) throws NativeCallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment req = arena.allocate(ARPREQ_SIZE, 4);
            req.set(JAVA_SHORT, ARP_PA, AF_INET);
            MemorySegment.copy(ip.getAddress(), 0, req, JAVA_BYTE, ARP_PA + 4, 4); // sin_addr, network order
            req.set(JAVA_SHORT, ARP_HA, ARPHRD_ETHER);
            MemorySegment.copy(mac, 0, req, JAVA_BYTE, ARP_HA + 2, mac.length); // sa_data
            req.set(JAVA_INT, ARP_FLAGS, ATF_COM);
            byte[] dev = interfaceName.getBytes(StandardCharsets.US_ASCII);
            MemorySegment.copy(dev, 0, req, JAVA_BYTE, ARP_DEV, dev.length); // NUL-terminated: allocate() zeroes
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) IOCTL.invokeExact(state, fd, SIOCSARP, req);
            if (rc != 0) {
                throw new NativeCallException("ioctl(SIOCSARP, " + interfaceName + ", " + ip.getHostAddress() + ")",
                        errno(state));
            }
        } catch (NativeCallException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call to ioctl failed", e);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
