package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.util.HexFormat;
import java.util.List;

/** Messages and raw packets shared by the codec tests and the benchmark. */
final class Packets {

    private Packets() {}

    static final byte[] MAC = HexFormat.of().parseHex("52540012a3b4");

    /** A DISCOVER like dhclient's: client id, requested address, host name, parameter request list. */
    static Dhcp4Message discover() {
        return Dhcp4Message.builder()
                .ethernet(MAC)
                .xid(0x3903f326)
                .broadcast(true)
                .messageType(MessageType.DISCOVER)
                .putOption(OptionCode.CLIENT_IDENTIFIER, HexFormat.of().parseHex("0152540012a3b4"))
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.parse("198.18.0.10"))
                .put(OptionCatalog.HOST_NAME, "node-07")
                .put(OptionCatalog.MAX_MESSAGE_SIZE, 1500)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, List.of(
                        OptionCode.SUBNET_MASK, OptionCode.ROUTERS, OptionCode.DOMAIN_NAME_SERVERS,
                        OptionCode.HOST_NAME, OptionCode.DOMAIN_NAME, OptionCode.BROADCAST_ADDRESS,
                        OptionCode.NTP_SERVERS, OptionCode.DOMAIN_SEARCH, OptionCode.CLASSLESS_STATIC_ROUTES))
                .build();
    }

    /** The ACK a MAAS-style server sends for {@link #discover()}'s request. */
    static Dhcp4Message ack() {
        return Dhcp4Message.replyTo(discover(), MessageType.ACK)
                .yiaddr(Ipv4Address.parse("198.18.0.10"))
                .siaddr(Ipv4Address.parse("198.18.0.1"))
                .put(OptionCatalog.SERVER_IDENTIFIER, Ipv4Address.parse("198.18.0.1"))
                .put(OptionCatalog.LEASE_TIME, 3600L)
                .put(OptionCatalog.RENEWAL_TIME, 1800L)
                .put(OptionCatalog.REBINDING_TIME, 3150L)
                .put(OptionCatalog.SUBNET_MASK, Ipv4Address.parse("255.255.254.0"))
                .put(OptionCatalog.ROUTERS, List.of(Ipv4Address.parse("198.18.0.1")))
                .put(OptionCatalog.DOMAIN_NAME_SERVERS, List.of(Ipv4Address.parse("198.18.0.2"), Ipv4Address.parse("198.18.0.3")))
                .put(OptionCatalog.HOST_NAME, "node-07")
                .put(OptionCatalog.DOMAIN_NAME, "maas.example")
                .put(OptionCatalog.BROADCAST_ADDRESS, Ipv4Address.parse("198.18.1.255"))
                .put(OptionCatalog.NTP_SERVERS, List.of(Ipv4Address.parse("198.18.0.1")))
                .put(OptionCatalog.DOMAIN_SEARCH, List.of("maas.example", "example"))
                .put(OptionCatalog.CLASSLESS_STATIC_ROUTES, List.of(
                        ClasslessRoute.of("10.0.0.0", 8, "198.18.0.254"), ClasslessRoute.of("0.0.0.0", 0, "198.18.0.1")))
                .build();
    }
}
