package io.leaseledger.wire.arp;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;

/**
 * Reads one ARP packet as an {@code AF_PACKET}/{@code SOCK_DGRAM} socket delivers it (the
 * Ethernet header already stripped; RFC 826): hardware type 1, protocol 0x0800, lengths 6 and 4,
 * operation 1 (request) or 2 (reply), then sender MAC, sender IP, target MAC, target IP — 28
 * bytes; Ethernet pads the frame, so more may follow and is ignored.
 *
 * <p>Never throws on bad input: the verdict says what the frame was.
 */
public final class ArpFrames {
    static final int LENGTH = 28;
    private static final int HTYPE_ETHERNET = 1;
    private static final int PTYPE_IPV4 = 0x0800;
    private static final int OP_REQUEST = 1;
    private static final int OP_REPLY = 2;

    private ArpFrames() {
    }

    /** What a frame turned out to be. */
    public sealed interface Verdict {
    }

    /** A sender claimed an address. */
    public record Claimed(Ipv4Address address, MacAddress mac) implements Verdict {
    }

    /** Not a sighting; {@code reason} says why. */
    public record Dropped(ArpDrop reason) implements Verdict {
    }

    /** Reads {@code length} bytes of {@code frame} from offset 0. */
    public static Verdict read(byte[] frame, int length) {
        if (length < LENGTH || frame.length < LENGTH) {
            return new Dropped(ArpDrop.MALFORMED);
        }
        int htype = u16(frame, 0);
        int ptype = u16(frame, 2);
        int hlen = frame[4] & 0xff;
        int plen = frame[5] & 0xff;
        if (htype != HTYPE_ETHERNET || ptype != PTYPE_IPV4 || hlen != 6 || plen != 4) {
            return new Dropped(ArpDrop.NOT_ETHERNET_IPV4);
        }
        int op = u16(frame, 6);
        if (op != OP_REQUEST && op != OP_REPLY) {
            return new Dropped(ArpDrop.MALFORMED);
        }
        byte[] mac = java.util.Arrays.copyOfRange(frame, 8, 14);
        if ((mac[0] & 0x01) != 0 || isZero(mac)) {
            // A group or all-zero sender address is no device: a forged or broken frame.
            return new Dropped(ArpDrop.MALFORMED);
        }
        int sender = ((frame[14] & 0xff) << 24) | ((frame[15] & 0xff) << 16) | ((frame[16] & 0xff) << 8) | (frame[17] & 0xff);
        if (sender == 0) {
            // RFC 5227 probe: a host checking whether an address is free, not claiming it.
            return new Dropped(ArpDrop.PROBE);
        }
        Ipv4Address address = Ipv4Address.of(sender);
        int first = sender >>> 24;
        if (first == 127 || first >= 224 || sender == -1) {
            return new Dropped(ArpDrop.MALFORMED);
        }
        return new Claimed(address, MacAddress.ethernet(mac));
    }

    /**
     * An ARP request (operation 1) from {@code senderMac} at {@code senderIp} asking who has
     * {@code target}: the 28 bytes a {@code SOCK_DGRAM} packet socket sends (the kernel adds the
     * Ethernet header). The target hardware address is zero, as RFC 826 leaves it in a request.
     */
    public static byte[] request(byte[] senderMac, Ipv4Address senderIp, Ipv4Address target) {
        if (senderMac.length != 6) {
            throw new IllegalArgumentException("an Ethernet address has 6 bytes, got " + senderMac.length);
        }
        byte[] frame = new byte[LENGTH];
        frame[1] = HTYPE_ETHERNET;
        frame[2] = (byte) (PTYPE_IPV4 >>> 8);
        frame[4] = 6;
        frame[5] = 4;
        frame[7] = OP_REQUEST;
        System.arraycopy(senderMac, 0, frame, 8, 6);
        System.arraycopy(senderIp.toBytes(), 0, frame, 14, 4);
        System.arraycopy(target.toBytes(), 0, frame, 24, 4);
        return frame;
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
