package io.leaseledger.subnet;

import static io.leaseledger.subnet.Given.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.PxeSettingsSet;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Octets;
import io.leaseledger.store.StoreSerializers;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A snapshot (the aggregate through the store's snapshot serializer) decides exactly as the
 * aggregate it was taken from: the derived indexes are rebuilt, nothing is lost.
 */
class SubnetSnapshotTest {

    @Test
    void aSnapshottedSubnetDecidesLikeTheOriginal() {
        Subnet original = new Subnet();
        original.on(defined());
        original.on(dynamic("198.18.0.10-198.18.0.20"));
        original.on(reserved("198.18.0.2-198.18.0.9"));
        original.on(new HostReserved(SUBNET, CAROL.chaddr(), ip("198.18.0.100"), Hostname.of("carol"), T0));
        original.on(new OptionSnippetSet(SUBNET, OptionScope.HOST, CAROL.chaddr(), 67, Octets.ascii("ipxe.efi"), true, T0));
        PxeSettings pxe = new PxeSettings(ip("198.18.0.2"), null, "lpxelinux.0", "bootx64.efi", null, null, null, null);
        original.on(new PxeSettingsSet(SUBNET, pxe, T0));
        original.on(offered("198.18.0.10", ALICE, T0));
        original.on(granted("198.18.0.10", ALICE, T0, GrantKind.NEW));
        original.on(offered("198.18.0.11", BOB, T0));
        original.on(granted("198.18.0.11", BOB, T0, GrantKind.NEW));
        original.on(new LeaseReleased(SUBNET, ip("198.18.0.11"), BOB, XID, t(5)));
        original.on(new AddressDeclined(SUBNET, ip("198.18.0.12"), ALICE, XID, t(6), t(3600)));
        original.on(offered("198.18.0.13", client("02:00:00:00:00:0d"), t(7)));
        // A lease the HA partner granted, taken into this log: where its stream was left survives too.
        original.on(granted("198.18.0.14", CAROL, t(8), GrantKind.NEW), PartnerReplication.origin("rack-b", 41));

        Serializer serializer = StoreSerializers.snapshots();
        SerializedObject<byte[]> json = serializer.serialize(original, byte[].class);
        Subnet restored = serializer.deserialize(json);

        assertThat(restored.snapshotSize()).isEqualTo(original.snapshotSize()).isEqualTo(6);
        assertThat(restored.state().leaseCount()).isEqualTo(2);
        assertThat(restored.state().partnerSequence("rack-b")).isEqualTo(41);
        assertThat(restored.state().partnerSequence("rack-c")).isEqualTo(-1);
        assertThat(restored.state().reservedAddresses()).containsExactly(ip("198.18.0.100"));
        assertThat(restored.state().rememberedAddressOf(BOB.key())).isEqualTo(ip("198.18.0.11"));
        List<ClientMessage> probe = List.of(discover(ALICE), discover(BOB), discover(CAROL),
                discover(client("02:00:00:00:00:0e")), renew(ALICE, "198.18.0.10"), initReboot(BOB, "198.18.0.12"),
                select(client("02:00:00:00:00:0d"), "198.18.0.13"));
        for (ClientMessage message : probe) {
            var expected = new LeaseRules(SUBNET, original.state()).decide(message, t(10));
            var actual = new LeaseRules(SUBNET, restored.state()).decide(message, t(10));
            assertThat(actual).as(message.toString()).isEqualTo(expected);
        }
        assertThat(new LeaseRules(SUBNET, restored.state()).nextReclaim(t(4000)))
                .isEqualTo(new LeaseRules(SUBNET, original.state()).nextReclaim(t(4000)));
        assertThat(restored.state().optionSnippet("HOST/" + CAROL.chaddr() + "/67")).isEqualTo(Octets.ascii("ipxe.efi"));
        assertThat(restored.state().pxe()).isEqualTo(pxe);
        assertThat(restored.state().alwaysSent("HOST/" + CAROL.chaddr() + "/67")).isTrue();
    }

    /** A snapshot taken before PXE settings were events has no such field: none then, as its log says. */
    @Test
    void aSnapshotWithoutPxeSettingsRestoresNone() {
        Subnet original = new Subnet();
        original.on(defined());
        original.on(new PxeSettingsSet(SUBNET, new PxeSettings(null, null, "x.0", null, null, null, null, null), T0));
        Serializer serializer = StoreSerializers.snapshots();
        SerializedObject<byte[]> json = serializer.serialize(original, byte[].class);
        String text = new String(json.getData(), java.nio.charset.StandardCharsets.UTF_8);
        String withoutPxe = text.replaceAll(",?\"pxe\":\\{[^}]*\\}", "");
        assertThat(withoutPxe).isNotEqualTo(text).doesNotContain("x.0");
        Subnet restored = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                withoutPxe.getBytes(java.nio.charset.StandardCharsets.UTF_8), byte[].class, json.getType()));
        assertThat(restored.state().pxe()).isEqualTo(PxeSettings.NONE);
    }
}
