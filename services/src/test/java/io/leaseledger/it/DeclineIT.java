package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.ScapyClient;
import io.leaseledger.it.harness.ScapyLan;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A client that finds its address in use (ARP) declines it; the server must not offer it again. */
@Tag("netns")
@Timeout(180)
class DeclineIT extends ScapyLan {
    private static final Duration LISTEN = Duration.ofSeconds(10);


    @Test
    void declineThenDiscoverFromTheSameClientGetsADifferentAddress() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 2, Duration.ofSeconds(120)));
        VethLink.End nic = lan.client("c");
        ScapyClient client = lab.scapy(nic);
        String mac = nic.mac();
        DhcpReply offer = client.reply(DhcpMessage.discover(mac, 0x0dec0001), LISTEN);
        DhcpReply ack = client.reply(DhcpMessage.request(mac, 0x0dec0001, offer.yiaddr(), offer.serverId()), LISTEN);
        assertThat(ack.messageType()).as("%s", ack).isEqualTo(DhcpReply.ACK);
        String declined = ack.yiaddr();

        assertThat(client.exchange(DhcpMessage.decline(mac, 0x0dec0002, declined, ack.serverId()), Duration.ofSeconds(2), 1))
                .as("no reply to DECLINE").isEmpty();
        DhcpReply next = client.reply(DhcpMessage.discover(mac, 0x0dec0003), LISTEN);

        assertThat(next.messageType()).isEqualTo(DhcpReply.OFFER);
        assertThat(next.yiaddr()).isNotEqualTo(declined).isIn("198.18.0.100", "198.18.0.101");
    }
}
