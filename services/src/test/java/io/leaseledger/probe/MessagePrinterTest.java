package io.leaseledger.probe;

import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessagePrinterTest {

    @Test
    void relayAgentInformationIsPrintedSubOptionBySubOption() {
        RelayAgentInformation relay = RelayAgentInformation.of(
                RelayAgentInformation.circuitId("eth0/1".getBytes(StandardCharsets.US_ASCII)),
                RelayAgentInformation.remoteId(new byte[] {0x00, 0x1b, 0x21, (byte) 0xff}),
                RelayAgentInformation.linkSelection(Ipv4Address.parse("198.18.7.0")),
                RelayAgentInformation.serverIdOverride(Ipv4Address.parse("198.18.7.1")));
        Dhcp4Message message = Dhcp4Message.builder()
                .op(Dhcp4Message.BOOTREPLY).xid(0x1234).ethernet(new byte[] {2, 0, 0, 0, 0, 1})
                .messageType(MessageType.ACK)
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, relay)
                .build();

        assertThat(MessagePrinter.describe(message)).anySatisfy(line -> assertThat(line)
                .contains("option  82")
                .contains("circuit-id=\"eth0/1\", remote-id=00:1b:21:ff, link-selection=198.18.7.0, "
                        + "server-id-override=198.18.7.1"));
    }
}
