package io.leaseledger.wire.arp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.link.EthernetInterface;
import io.leaseledger.wire.link.PacketSocket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a scan sends, and what stops it, with the interface and the socket stood in for. */
class ActiveMapperTest {
    private static final byte[] MAC = {2, 0, 0, 0, 0, 1};

    /** Records each request; fails from the {@code failAt}-th on (0: never). */
    private static final class Recorded implements ActiveMapper.Link {
        final List<byte[]> requests = new ArrayList<>();
        final int failAt;

        Recorded(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public EthernetInterface nic(String iface) throws IOException {
            if (!iface.equals("eth1")) {
                throw new IOException("no interface " + iface);
            }
            return new EthernetInterface(7, MAC);
        }

        @Override
        public void send(int ifindex, byte[] request) throws PacketSocket.NativeFailure {
            assertThat(ifindex).isEqualTo(7);
            if (failAt > 0 && requests.size() + 1 >= failAt) {
                throw new IllegalStateException("sendto failed");
            }
            requests.add(request);
        }
    }

    private static ActiveMapper.Scan scan(String iface) {
        return new ActiveMapper.Scan(iface, Ipv4Address.parse("198.18.7.1"), Ipv4Address.parse("198.18.7.1"),
                Ipv4Address.parse("198.18.7.6"));
    }

    @Test
    void everyAddressButTheSendersIsAskedForFromTheSender() {
        Recorded link = new Recorded(0);
        ActiveMapper mapper = new ActiveMapper(() -> List.of(scan("eth1")), link);
        mapper.scanAll();

        assertThat(link.requests).hasSize(5);
        for (int i = 0; i < 5; i++) {
            byte[] request = link.requests.get(i);
            assertThat(Ipv4Address.of(java.util.Arrays.copyOfRange(request, 24, 28)))
                    .isEqualTo(Ipv4Address.parse("198.18.7." + (i + 2)));
            // What the listener makes of it: the sender claiming its own address.
            assertThat(ArpFrames.read(request, request.length)).isEqualTo(
                    new ArpFrames.Claimed(Ipv4Address.parse("198.18.7.1"), MacAddress.ethernet(MAC)));
        }
        assertThat(mapper.sent()).isEqualTo(5);
        assertThat(mapper.completed()).isEqualTo(1);
        assertThat(mapper.failed()).isZero();
    }

    @Test
    void aFailedScanIsCountedOnceAndTheNextScanGoesOn() {
        Recorded link = new Recorded(3);
        ActiveMapper mapper = new ActiveMapper(() -> List.of(scan("eth1"), scan("gone0")), link);
        mapper.scanAll();

        assertThat(link.requests).hasSize(2);
        assertThat(mapper.failed()).as("eth1 stopped at its third request, gone0 has no interface").isEqualTo(2);
        assertThat(mapper.completed()).isZero();
    }

    @Test
    void aScanRunsForward() {
        assertThatThrownBy(() -> new ActiveMapper.Scan("eth1", Ipv4Address.parse("198.18.7.1"),
                Ipv4Address.parse("198.18.7.9"), Ipv4Address.parse("198.18.7.2")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
