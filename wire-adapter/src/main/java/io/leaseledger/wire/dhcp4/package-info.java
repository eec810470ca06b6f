/**
 * DHCPv4 codec (RFC 2131, RFC 2132 and the option RFCs listed in {@link io.leaseledger.wire.dhcp4.OptionCatalog}).
 *
 * <p>{@link io.leaseledger.wire.dhcp4.Dhcp4Decoder} turns a datagram into an immutable
 * {@link io.leaseledger.wire.dhcp4.Dhcp4Message} or a typed {@link io.leaseledger.wire.dhcp4.Dhcp4DecodeException};
 * {@link io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder} (usually from
 * {@link io.leaseledger.wire.dhcp4.Dhcp4Message#replyTo}) builds replies;
 * {@link io.leaseledger.wire.dhcp4.Dhcp4Encoder} writes them within the client's size limit.
 * Options are kept raw (code and bytes, in order) and read typed through the
 * {@link io.leaseledger.wire.dhcp4.OptionCatalog}.
 */
package io.leaseledger.wire.dhcp4;
