package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The FFM calls report the kernel's errno, and the exceptions built from it say what to do. */
class LinuxSocketsTest {

    @Test
    void bindingToADeviceThatDoesNotExistReportsEnodev() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "needs an epoll socket for its file descriptor");
        var socket = new EpollDatagramChannel(SocketProtocolFamily.INET);
        try {
            int fd = socket.fd().intValue();
            assertThatThrownBy(() -> LinuxSockets.bindToDevice(fd, "lltnosuch0"))
                    .isInstanceOf(NativeCallException.class)
                    .hasMessageContaining("SO_BINDTODEVICE, lltnosuch0")
                    .satisfies(e -> assertThat(((NativeCallException) e).errno())
                            // ENODEV; EPERM when run without CAP_NET_RAW on kernels before 5.7
                            .isIn(Errno.ENODEV, Errno.EPERM));
        } finally {
            socket.unsafe().closeForcibly();
        }
    }

    @Test
    void refusedBindToDeviceNamesTheInterfaceAndTheCapabilityItNeeds() {
        var refused = new SocketOptionException("eth1", "SO_BINDTODEVICE",
                new NativeCallException("setsockopt(SO_BINDTODEVICE, eth1)", Errno.EPERM));

        assertThat(refused.interfaceName()).isEqualTo("eth1");
        assertThat(refused.errno()).isEqualTo(Errno.EPERM);
        assertThat(refused).hasMessageContaining("'eth1'").hasMessageContaining("EPERM")
                .hasMessageContaining("CAP_NET_RAW");
    }
}
