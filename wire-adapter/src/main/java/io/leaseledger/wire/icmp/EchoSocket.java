package io.leaseledger.wire.icmp;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.link.Libc;
import io.leaseledger.wire.link.PacketSocket.NativeFailure;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * A raw {@code AF_INET}/{@code IPPROTO_ICMP} socket that sends echo requests and hears echo
 * replies, through the FFM API as {@code PacketSocket} does (no JNI). The kernel routes each
 * request as any datagram of this host (a relayed subnet's address goes out towards its relay)
 * and picks its source address; {@code ICMP_FILTER} keeps every ICMP type but echo replies from
 * being queued. A raw ICMP socket hears the replies to every echo request of this host, so the
 * reader matches them by identifier ({@link EchoMessages.EchoReply#identifier}). Needs CAP_NET_RAW
 * (else {@code socket} fails with EPERM), as the ARP listener.
 *
 * <p>Any thread may {@link #send}; one thread reads ({@link #receive}) and closes it when told to
 * stop, which it notices within the receive timeout.
 */
public final class EchoSocket implements AutoCloseable {
    private static final int AF_INET = 2;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int IPPROTO_ICMP = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int SOL_RAW = 255;
    private static final int ICMP_FILTER = 1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** struct sockaddr_in: family (2, host order), port (2), address (4, network order), zero (8). */
    private static final int SIN_SIZE = 16;
    /** An IPv4 header (at most 60 bytes) and an echo reply as large as any request of ours, with room to spare. */
    private static final int BUFFER = 1500;

    private static final StructLayout CAPTURE = Libc.CAPTURE;
    private static final MethodHandle RECV = Libc.call("recv",
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));

    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER);
    private final MemorySegment readState = arena.allocate(CAPTURE);
    private final byte[] received = new byte[BUFFER];
    private final int fd;
    private volatile boolean closed;

    private EchoSocket(int fd) {
        this.fd = fd;
    }

    /** Opens the socket; reads time out after {@code timeoutMillis}. */
    public static EchoSocket open(int timeoutMillis) throws NativeFailure {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(CAPTURE);
            int fd = (int) Libc.SOCKET.invokeExact(st, AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
            if (fd < 0) {
                throw new NativeFailure("socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)", Libc.errno(st));
            }
            try {
                MemorySegment filter = call.allocate(JAVA_INT);
                filter.set(JAVA_INT, 0, ~(1 << EchoMessages.ECHO_REPLY));
                if ((int) Libc.SETSOCKOPT.invokeExact(st, fd, SOL_RAW, ICMP_FILTER, filter, 4) != 0) {
                    throw new NativeFailure("setsockopt(ICMP_FILTER)", Libc.errno(st));
                }
                MemorySegment timeout = call.allocate(16, 8); // struct timeval {long tv_sec; long tv_usec;}
                timeout.set(JAVA_LONG, 0, timeoutMillis / 1000);
                timeout.set(JAVA_LONG, 8, (timeoutMillis % 1000) * 1000L);
                if ((int) Libc.SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_RCVTIMEO, timeout, 16) != 0) {
                    throw new NativeFailure("setsockopt(SO_RCVTIMEO)", Libc.errno(st));
                }
            } catch (NativeFailure e) {
                Libc.closeQuietly(fd);
                throw e;
            }
            return new EchoSocket(fd);
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call failed", e);
        }
    }

    /** Sends one echo request {@code identifier}/{@code sequence} to {@code target}. */
    public void send(Ipv4Address target, int identifier, int sequence) throws NativeFailure {
        byte[] message = EchoMessages.request(identifier, sequence);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment st = call.allocate(CAPTURE);
            MemorySegment sin = call.allocate(SIN_SIZE, 4);
            sin.set(JAVA_SHORT, 0, (short) AF_INET);
            byte[] address = target.toBytes();
            MemorySegment.copy(address, 0, sin, JAVA_BYTE, 4, 4);
            MemorySegment data = call.allocateFrom(JAVA_BYTE, message);
            long sent = (long) Libc.SENDTO.invokeExact(st, fd, data, (long) message.length, 0, sin, SIN_SIZE);
            if (sent != message.length) {
                throw new NativeFailure("sendto(ICMP echo to " + target + ")", sent < 0 ? Libc.errno(st) : 0);
            }
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call to sendto failed", e);
        }
    }

    /**
     * Blocks for the next echo reply or the timeout (EINTR counts as one): empty then, and for
     * anything that is not an intact echo reply.
     */
    public Optional<EchoMessages.EchoReply> receive() throws NativeFailure {
        try {
            long n = (long) RECV.invokeExact(readState, fd, buffer, buffer.byteSize(), 0);
            if (n < 0) {
                int errno = Libc.errno(readState);
                if (errno == EAGAIN || errno == EINTR) {
                    return Optional.empty();
                }
                throw new NativeFailure("recv(ICMP)", errno);
            }
            int length = (int) Math.min(n, received.length);
            MemorySegment.copy(buffer, JAVA_BYTE, 0, received, 0, length);
            return EchoMessages.readReply(received, length);
        } catch (NativeFailure e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("FFM call to recv failed", e);
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
}
