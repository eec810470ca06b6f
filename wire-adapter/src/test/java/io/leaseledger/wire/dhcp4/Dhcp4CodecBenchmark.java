package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.concurrent.TimeUnit;

/**
 * Decode and encode of a DISCOVER and an ACK ({@link Packets}). Decoding starts from a Netty
 * {@code ByteBuf}, as the transport hands it over; encoding writes into a reused buffer, as a
 * pooled one would be. Run: see docs/benchmarks.md ("Codec (JMH)").
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Dhcp4CodecBenchmark {

    private ByteBuf discoverWire;
    private ByteBuf ackWire;
    private Dhcp4Message discover;
    private Dhcp4Message ack;
    private ByteBuf out;
    private byte[] leaseTime;
    private byte[] serverId;
    private byte[] subnetMask;
    private byte[] routers;
    private byte[] dns;

    @Setup
    public void setUp() {
        discover = Packets.discover();
        ack = Packets.ack();
        discoverWire = Unpooled.wrappedBuffer(Dhcp4Encoder.encode(discover, 1500));
        ackWire = Unpooled.wrappedBuffer(Dhcp4Encoder.encode(ack, 1500));
        out = Unpooled.buffer(1500);
        leaseTime = OptionCatalog.LEASE_TIME.encode(3600L);
        serverId = OptionCatalog.SERVER_IDENTIFIER.encode(Ipv4Address.parse("198.18.0.1"));
        subnetMask = OptionCatalog.SUBNET_MASK.encode(Ipv4Address.parse("255.255.254.0"));
        routers = RawPackets.hex("c6120001");
        dns = RawPackets.hex("c6120002c6120003");
    }

    @TearDown
    public void tearDown() {
        discoverWire.release();
        ackWire.release();
        out.release();
    }

    @Benchmark
    public Dhcp4Message decodeDiscover() {
        return Dhcp4Decoder.decode(discoverWire);
    }

    @Benchmark
    public Dhcp4Message decodeAck() {
        return Dhcp4Decoder.decode(ackWire);
    }

    @Benchmark
    public int encodeDiscover() {
        out.clear();
        Dhcp4Encoder.encode(discover, 1500, out);
        return out.writerIndex();
    }

    @Benchmark
    public int encodeAck() {
        out.clear();
        Dhcp4Encoder.encode(ack, 1500, out);
        return out.writerIndex();
    }

    /** What a reply costs end to end: decode the request, build the ACK from pre-encoded option values, encode it. */
    @Benchmark
    public int decodeDiscoverBuildAndEncodeAck() {
        Dhcp4Message request = Dhcp4Decoder.decode(discoverWire);
        Dhcp4Message reply = Dhcp4Message.replyTo(request, MessageType.ACK)
                .yiaddr(0xC612000A)
                .putOption(OptionCode.SERVER_IDENTIFIER, serverId)
                .putOption(OptionCode.LEASE_TIME, leaseTime)
                .putOption(OptionCode.SUBNET_MASK, subnetMask)
                .putOption(OptionCode.ROUTERS, routers)
                .putOption(OptionCode.DOMAIN_NAME_SERVERS, dns)
                .build();
        out.clear();
        Dhcp4Encoder.encode(reply, request.maxMessageSize(), out);
        return out.writerIndex();
    }
}
