package io.leaseledger.events.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientValuesTest {

    @Test
    void ethernetMacsPrintAsColonHexAndOtherTypesCarryTheirType() {
        var mac = MacAddress.parse("AA:bb:cc:00:11:22");
        assertThat(mac.hardwareType()).isEqualTo(MacAddress.ETHERNET);
        assertThat(mac).hasToString("aa:bb:cc:00:11:22");
        var infiniband = MacAddress.parse("32/00:11:22:33");
        assertThat(infiniband.hardwareType()).isEqualTo(32);
        assertThat(infiniband).hasToString("32/00:11:22:33");
        assertThat(MacAddress.parse("aabbcc001122")).isEqualTo(mac);
    }

    @Test
    void macsAreValuesNotArrays() {
        byte[] bytes = {1, 2, 3, 4, 5, 6};
        var mac = MacAddress.ethernet(bytes);
        bytes[0] = 9;
        assertThat(mac).isEqualTo(MacAddress.parse("01:02:03:04:05:06"));
        assertThat(mac.hashCode()).isEqualTo(MacAddress.parse("01:02:03:04:05:06").hashCode());
        mac.bytes()[1] = 9;
        assertThat(mac).hasToString("01:02:03:04:05:06");
    }

    @Test
    void malformedMacsAreRefused() {
        assertThatThrownBy(() -> MacAddress.parse("aa:bb:cc")).hasMessageContaining("6 bytes");
        assertThatThrownBy(() -> MacAddress.parse("aa:bb:cc:dd:ee:gg")).hasMessageContaining("aa:bb:cc:dd:ee:gg");
        assertThatThrownBy(() -> MacAddress.parse("aa:bbc:cd:de:ef:f0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MacAddress(2, new byte[17])).hasMessageContaining("1..16");
    }

    @Test
    void clientIdNeedsTypeAndAtLeastOneOctet() {
        assertThat(ClientId.parse("01:aa:bb:cc:dd:ee:ff").type()).isEqualTo(1);
        assertThatThrownBy(() -> new ClientId(new byte[] {1})).hasMessageContaining("RFC 2132");
    }

    @Test
    void theLeaseKeyIsTheClientIdWhenPresentElseTheHardwareAddress() {
        var mac = MacAddress.parse("aa:bb:cc:dd:ee:ff");
        var identity = ClientIdentity.of(mac);
        assertThat(identity.key()).isEqualTo(ClientKey.of(mac));
        assertThat(identity.key()).hasToString("hw:aa:bb:cc:dd:ee:ff");
        var withId = identity.withClientId(ClientId.parse("ff:00:01"));
        assertThat(withId.key()).hasToString("id:ff:00:01");
        assertThat(withId.key()).isNotEqualTo(identity.key());
    }

    @Test
    void hostnamesAcceptWhatClientsSendAndTellDnsNamesApart() {
        assertThat(Hostname.of("node-1.maas").isDnsName()).isTrue();
        assertThat(Hostname.of("Anna's laptop").isDnsName()).isFalse();
        assertThat(Hostname.of("-bad").isDnsName()).isFalse();
        assertThatThrownBy(() -> Hostname.of("tab\there")).hasMessageContaining("at 3");
        assertThatThrownBy(() -> Hostname.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void leaseTimesKnowInfinityAndFractions() {
        var lease = LeaseTime.ofSeconds(600);
        assertThat(lease.fraction(1, 2).seconds()).isEqualTo(300);
        assertThat(lease.fraction(7, 8).seconds()).isEqualTo(525);
        assertThat(LeaseTime.INFINITE.fraction(1, 2)).isEqualTo(LeaseTime.INFINITE);
        assertThat(LeaseTime.ofSeconds(1).fraction(1, 2).seconds()).isEqualTo(1);
        assertThatThrownBy(() -> LeaseTime.ofSeconds(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(LeaseTime.ofSeconds(10).clamp(LeaseTime.ofSeconds(60), LeaseTime.ofSeconds(3600)).seconds())
                .isEqualTo(60);
    }

    @Test
    void transactionIdsPrintAsEightHexDigits() {
        assertThat(TransactionId.of(0x1a2b)).hasToString("0x00001a2b");
        assertThat(TransactionId.parse("0xdeadbeef").value()).isEqualTo(0xdeadbeef);
        assertThatThrownBy(() -> TransactionId.parse("0x123456789")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRelayNeedsAGiaddr() {
        assertThatThrownBy(() -> RelayAgent.of(Ipv4Address.ANY)).hasMessageContaining("giaddr");
    }
}
