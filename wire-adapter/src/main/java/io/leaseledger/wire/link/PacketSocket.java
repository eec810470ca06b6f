package io.leaseledger.wire.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * An {@code AF_PACKET}/{@code SOCK_DGRAM} socket for one EtherType ({@code ETH_P_ARP},
 * {@code ETH_P_IP}), bound to one interface, optionally with a classic BPF filter so that the
 * kernel hands over only the frames wanted, through the FFM API ({@code socket}, {@code bind},
 * {@code setsockopt(SO_RCVTIMEO, SO_ATTACH_FILTER)}, {@code recvfrom}, {@code close}), as
 * {@code LinuxSockets} does for the DHCP channels: no JNI. A {@code SOCK_DGRAM} packet socket
 * delivers, and filters, each frame from its network header on (no Ethernet header).
 * Needs CAP_NET_RAW (else {@code socket} fails with EPERM). Linux constants, identical on x86-64
 * and arm64.
 *
 * <p>One thread reads it ({@link #receive}) and closes it when told to stop, which it notices
 * within the receive timeout; its buffers live as long as the socket.
 */
public final class PacketSocket implements AutoCloseable {

    public static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    public static final int EACCES = 13;
    /** What a seccomp filter on socket families (systemd's RestrictAddressFamilies) answers. */
    public static final int EAFNOSUPPORT = 97;
    public static final short ETH_P_ARP = 0x0806;
    public static final short ETH_P_IP = 0x0800;

    private static final int AF_PACKET = 17;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SO_ATTACH_FILTER = 26;
    /** linux/if_packet.h: the frame was sent by this host. */
    public static final int PACKET_OUTGOING = 4;

    /** struct sockaddr_ll: family (2), protocol (2, network order), ifindex (4), hatype (2), pkttype (1), halen (1), addr (8). */
    private static final long SLL_SIZE = 20;
    private static final long SLL_PROTOCOL = 2;
    private static final long SLL_IFINDEX = 4;
    private static final long SLL_PKTTYPE = 10;
    private static final long SLL_HALEN = 11;
    private static final long SLL_ADDR = 12;

    private static final StructLayout CAPTURE = Libc.CAPTURE;
    private static final MethodHandle SOCKET = Libc.SOCKET;
    private static final MethodHandle BIND = Libc.call("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SETSOCKOPT = Libc.SETSOCKOPT;
    private static final MethodHandle RECVFROM = Libc.call("recvfrom",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SENDTO = Libc.SENDTO;

    /**
     * Sends one {@code protocol} packet (from its network header on: the kernel adds the link
     * header, from this interface's address to {@code destination}) out of interface
     * {@code ifindex}, through a socket of its own that receives nothing (protocol 0) and is closed
     * at once. A frame sent this way goes to the wire only: this host's own IP stack never sees it.
     */
    public static void sendOnce(int ifindex, short protocol, byte[] destination, byte[] packet) throws NativeFailure {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(CAPTURE);
            int fd = unboundSocket(st);
            try {
                MemorySegment sll = call.allocate(SLL_SIZE, 4);
                sll.set(JAVA_SHORT, 0, (short) AF_PACKET);
                sll.set(JAVA_SHORT, SLL_PROTOCOL, htons(protocol));
                sll.set(JAVA_INT, SLL_IFINDEX, ifindex);
                sll.set(JAVA_BYTE, SLL_HALEN, (byte) destination.length);
                MemorySegment.copy(destination, 0, sll, JAVA_BYTE, SLL_ADDR, Math.min(8, destination.length));
                MemorySegment data = call.allocateFrom(JAVA_BYTE, packet);
                long sent = (long) SENDTO.invokeExact(st, fd, data, (long) packet.length, 0, sll, (int) SLL_SIZE);
                if (sent != packet.length) {
                    throw new NativeFailure("sendto(AF_PACKET, ifindex " + ifindex + ")", sent < 0 ? Libc.errno(st) : 0);
                }
            } finally {
                Libc.closeQuietly(fd);
            }
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call failed", e);
        }
    }

    /** A failed libc call and its errno. */
    public static final class NativeFailure extends Exception {
        public final int errno;

        public NativeFailure(String call, int errno) {
            super(call + " failed: errno " + errno + describe(errno));
            this.errno = errno;
        }

        private static String describe(int errno) {
            return switch (errno) {
                case EPERM -> " (EPERM: CAP_NET_RAW is needed)";
                case EACCES -> " (EACCES)";
                case EAFNOSUPPORT -> " (EAFNOSUPPORT: AF_PACKET is not allowed here, e.g. by systemd's RestrictAddressFamilies)";
                case 19 -> " (ENODEV: no such interface)";
                default -> "";
            };
        }
    }

    /**
     * What one {@link #receive} read: {@code length} bytes (-1 on timeout), the packet type and
     * the link-layer address of the sender (empty on timeout).
     */
    public record Received(int length, int packetType, byte[] sender) {
        static final Received TIMEOUT = new Received(-1, -1, new byte[0]);
    }

    /** One classic BPF instruction ({@code struct sock_filter}: code, jump if true, jump if false, k). */
    public record Bpf(int code, int jumpTrue, int jumpFalse, int k) {}

    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer;
    private final MemorySegment from;
    private final MemorySegment fromLength;
    private final MemorySegment state;
    private final int fd;
    private volatile boolean closed;

    private PacketSocket(int fd, int bufferSize) {
        this.fd = fd;
        this.buffer = arena.allocate(bufferSize);
        this.from = arena.allocate(SLL_SIZE, 4);
        this.fromLength = arena.allocate(JAVA_INT);
        this.state = arena.allocate(CAPTURE);
    }

    /**
     * Opens the socket for {@code protocol} (an EtherType) on interface {@code ifindex}, reads
     * timing out after {@code timeoutMillis}. With a {@code filter}, the kernel keeps back every
     * frame the program answers 0 for; it is attached before the socket is bound, so no
     * unfiltered frame is ever queued.
     */
    public static PacketSocket open(int ifindex, short protocol, java.util.List<Bpf> filter, int bufferSize,
                                    int timeoutMillis) throws NativeFailure {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(CAPTURE);
            int fd = unboundSocket(st);
            try {
                if (!filter.isEmpty()) {
                    attach(call, st, fd, filter);
                }
                MemorySegment sll = call.allocate(SLL_SIZE, 4);
                sll.set(JAVA_SHORT, 0, (short) AF_PACKET);
                sll.set(JAVA_SHORT, SLL_PROTOCOL, htons(protocol));
                sll.set(JAVA_INT, SLL_IFINDEX, ifindex);
                if ((int) BIND.invokeExact(st, fd, sll, (int) SLL_SIZE) != 0) {
                    throw new NativeFailure("bind(AF_PACKET, ifindex " + ifindex + ")", Libc.errno(st));
                }
                MemorySegment timeout = call.allocate(16, 8); // struct timeval {long tv_sec; long tv_usec;}
                timeout.set(JAVA_LONG, 0, timeoutMillis / 1000);
                timeout.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1000L);
                if ((int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16) != 0) {
                    throw new NativeFailure("setsockopt(SO_RCVTIMEO)", Libc.errno(st));
                }
            } catch (NativeFailure e) {
                Libc.closeQuietly(fd);
                throw e;
            }
            return new PacketSocket(fd, bufferSize);
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call failed", e);
        }
    }

    /** A packet socket for protocol 0: nothing is delivered to it until a {@code bind} names a protocol. */
    private static int unboundSocket(MemorySegment st) throws Throwable {
        int fd = (int) SOCKET.invokeExact(st, AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new NativeFailure("socket(AF_PACKET, SOCK_DGRAM)", Libc.errno(st));
        }
        return fd;
    }

    /** {@code setsockopt(SO_ATTACH_FILTER)}: a {@code struct sock_fprog} pointing at the program. */
    private static void attach(Arena call, MemorySegment st, int fd, java.util.List<Bpf> filter) throws Throwable {
        MemorySegment program = call.allocate(8L * filter.size(), 8);
        for (int i = 0; i < filter.size(); i++) {
            Bpf instruction = filter.get(i);
            program.set(JAVA_SHORT, 8L * i, (short) instruction.code());
            program.set(JAVA_BYTE, 8L * i + 2, (byte) instruction.jumpTrue());
            program.set(JAVA_BYTE, 8L * i + 3, (byte) instruction.jumpFalse());
            program.set(JAVA_INT, 8L * i + 4, instruction.k());
        }
        MemorySegment fprog = call.allocate(16, 8); // {unsigned short len; struct sock_filter *filter;}
        fprog.set(JAVA_SHORT, 0, (short) filter.size());
        fprog.set(ADDRESS, 8, program);
        if ((int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_ATTACH_FILTER, fprog, 16) != 0) {
            throw new NativeFailure("setsockopt(SO_ATTACH_FILTER)", Libc.errno(st));
        }
    }

    /** Blocks for the next frame (copied into {@code into}) or the timeout; EINTR counts as a timeout. */
    public Received receive(byte[] into) throws NativeFailure {
        try {
            fromLength.set(JAVA_INT, 0, (int) SLL_SIZE);
            long n = (long) RECVFROM.invokeExact(state, fd, buffer, buffer.byteSize(), 0, from, fromLength);
            if (n < 0) {
                int errno = Libc.errno(state);
                if (errno == EAGAIN || errno == EINTR) {
                    return Received.TIMEOUT;
                }
                throw new NativeFailure("recvfrom", errno);
            }
            int length = (int) Math.min(n, into.length);
            MemorySegment.copy(buffer, JAVA_BYTE, 0, into, 0, length);
            int addressLength = Math.min(8, from.get(JAVA_BYTE, SLL_HALEN) & 0xff);
            byte[] sender = new byte[addressLength];
            MemorySegment.copy(from, JAVA_BYTE, SLL_ADDR, sender, 0, addressLength);
            return new Received(length, from.get(JAVA_BYTE, SLL_PKTTYPE) & 0xff, sender);
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call to recvfrom failed", e);
        }
    }

    /** Closes the descriptor and frees the buffers; called by the reading thread when it stops. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.closeQuietly(fd);
            arena.close();
        }
    }

    private static short htons(short value) {
        return ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN ? value : Short.reverseBytes(value);
    }
}
