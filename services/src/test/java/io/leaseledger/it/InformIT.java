package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.ScapyLan;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A host with a static address asks only for its configuration (RFC 2131 §3.4, §4.3.5). */
@Tag("netns")
@Timeout(180)
class InformIT extends ScapyLan {

    @Test
    void informIsAckedWithoutLeaseTimeOrYiaddr() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 2, Duration.ofSeconds(120)));
        // The address is configured statically (outside the dynamic range), so the client
        // answers the server's ARP for the unicast ACK.
        VethLink.End nic = lan.client("c").address("198.18.0.50/24");
        DhcpMessage inform = DhcpMessage.inform(nic.mac(), 0x1f0a0001, "198.18.0.50")
                .withOption(55, new byte[] {1, 3, 6, 15});

        DhcpReply ack = lab.scapy(nic).reply(inform, Duration.ofSeconds(10));

        assertThat(ack.messageType()).as("%s", ack).isEqualTo(DhcpReply.ACK);
        assertThat(ack.yiaddr()).isEqualTo("0.0.0.0");
        assertThat(ack.has(51)).as("no lease time in %s", ack).isFalse();
        assertThat(ack.address(3)).contains("198.18.0.1");
        assertThat(ack.address(6)).contains("198.18.0.1");
        assertThat(ack.text(15)).contains("llt.test");
    }
}
