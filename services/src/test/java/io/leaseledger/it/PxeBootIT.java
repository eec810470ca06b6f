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
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Network boot: a UEFI PXE ROM, a UEFI HTTP boot client and iPXE, built with scapy as their
 * firmware sends them (options 60, 93, 94, 97; 77 for iPXE). They must learn the next server
 * (siaddr) and the boot file or URL chosen for what they are (in the {@code file} field or
 * option 67); the HTTP boot client also its own {@code HTTPClient} in option 60.
 */
@Tag("netns")
@Timeout(180)
class PxeBootIT extends ScapyLan {
    private static final ServedSubnet.Pxe PXE = new ServedSubnet.Pxe(
            "198.18.0.1", "pxelinux.0", "bootx64.efi", "grubaa64.efi", "http://198.18.0.1:5248/ipxe.cfg",
            "http://198.18.0.1:5248/images/bootx64.efi");
    private static final Duration LISTEN = Duration.ofSeconds(10);


    @Test
    void uefiPxeClientGetsNextServerAndTheUefiBootFile() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 4, Duration.ofSeconds(120)).withPxe(PXE));
        VethLink.End nic = lan.client("c");
        DhcpMessage discover = firmware(DhcpMessage.discover(nic.mac(), 0x00efe001), "PXEClient:Arch:00007:UNDI:003016");

        DhcpReply offer = lab.scapy(nic).reply(discover, LISTEN);
        DhcpReply ack = requestOffered(lab.scapy(nic), nic, offer, "PXEClient:Arch:00007:UNDI:003016");

        for (DhcpReply reply : new DhcpReply[] {offer, ack}) {
            assertThat(reply.siaddr()).as("next-server in %s", reply).isEqualTo("198.18.0.1");
            assertThat(reply.bootFile()).as("boot file in %s", reply).isEqualTo("bootx64.efi");
        }
        assertThat(ack.messageType()).isEqualTo(DhcpReply.ACK);
        assertThat(ack.yiaddr()).isEqualTo(offer.yiaddr());
    }

    @Test
    void biosAndArm64FirmwareGetTheirOwnBootFiles() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 4, Duration.ofSeconds(120)).withPxe(PXE));
        VethLink.End nic = lan.client("c");
        ScapyClient client = lab.scapy(nic);

        DhcpReply bios = client.reply(DhcpMessage.discover("02:00:00:b1:05:01", 0x0b105001)
                .withOption(60, "PXEClient:Arch:00000:UNDI:002001").withOption(93, new byte[] {0, 0}), LISTEN);
        DhcpReply arm64 = client.reply(DhcpMessage.discover("02:00:00:aa:64:01", 0x0aa64001)
                .withOption(60, "PXEClient:Arch:00011:UNDI:003016").withOption(93, new byte[] {0, 11}), LISTEN);

        assertThat(bios.bootFile()).as("%s", bios).isEqualTo("pxelinux.0");
        assertThat(arm64.bootFile()).as("%s", arm64).isEqualTo("grubaa64.efi");
        assertThat(bios.siaddr()).isEqualTo("198.18.0.1");
        assertThat(arm64.siaddr()).isEqualTo("198.18.0.1");
    }

    @Test
    void ipxeClientGetsTheScriptUrl() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 4, Duration.ofSeconds(120)).withPxe(PXE));
        VethLink.End nic = lan.client("c");
        // iPXE chain-loaded by the UEFI ROM: same architecture, plus user class "iPXE".
        DhcpMessage discover = firmware(DhcpMessage.discover(nic.mac(), 0x01be0001), "PXEClient:Arch:00007:UNDI:003010")
                .withOption(77, "iPXE");

        DhcpReply offer = lab.scapy(nic).reply(discover, LISTEN);

        assertThat(offer.messageType()).isEqualTo(DhcpReply.OFFER);
        assertThat(offer.siaddr()).as("next-server in %s", offer).isEqualTo("198.18.0.1");
        assertThat(offer.bootFile()).as("boot file in %s", offer).isEqualTo("http://198.18.0.1:5248/ipxe.cfg");
    }

    @Test
    void uefiHttpBootClientGetsTheUrlAndItsVendorClassEchoed() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 4, Duration.ofSeconds(120)).withPxe(PXE));
        VethLink.End nic = lan.client("c");
        // x86-64 UEFI HTTP boot (option 93 = 16), as the firmware's HTTP boot client sends it.
        String httpClient = "HTTPClient:Arch:00016:UNDI:003001";
        DhcpMessage discover = firmware(DhcpMessage.discover(nic.mac(), 0x00eb0001), httpClient)
                .withOption(93, new byte[] {0, 16});

        DhcpReply offer = lab.scapy(nic).reply(discover, LISTEN);
        DhcpMessage request = firmware(DhcpMessage.request(nic.mac(), 0x00eb0001, offer.yiaddr(), offer.serverId()),
                httpClient).withOption(93, new byte[] {0, 16});
        DhcpReply ack = lab.scapy(nic).reply(request, LISTEN);

        for (DhcpReply reply : new DhcpReply[] {offer, ack}) {
            assertThat(reply.bootFile()).as("boot URL in %s", reply).isEqualTo("http://198.18.0.1:5248/images/bootx64.efi");
            // UEFI takes an offer as an HTTP boot offer only when option 60 says HTTPClient.
            assertThat(reply.text(60)).as("vendor class in %s", reply).contains("HTTPClient");
        }
        assertThat(ack.messageType()).isEqualTo(DhcpReply.ACK);
        assertThat(ack.yiaddr()).isEqualTo(offer.yiaddr());
    }

    /** What an x86-64 UEFI network stack puts in every message. */
    private static DhcpMessage firmware(DhcpMessage m, String vendorClass) {
        return m.withOption(60, vendorClass)
                .withOption(93, new byte[] {0, 7})
                .withOption(94, new byte[] {1, 3, 0})
                .withOption(97, HexFormat.of().parseHex("00" + "4c4c54a1b2c3d4e5f60718293a4b5c6d"))
                .withOption(55, new byte[] {1, 3, 6, 15, 43, 60, 66, 67, 97, (byte) 128, (byte) 129});
    }

    private static DhcpReply requestOffered(ScapyClient client, VethLink.End nic, DhcpReply offer, String vendorClass) {
        DhcpMessage request = firmware(DhcpMessage.request(nic.mac(), 0x00efe001, offer.yiaddr(), offer.serverId()),
                vendorClass);
        return client.reply(request, LISTEN);
    }
}
