package io.leaseledger.wire.link;

import java.io.IOException;
import java.net.NetworkInterface;

/** A network interface as a packet socket sends through it: its index and its Ethernet address. */
public record EthernetInterface(int index, byte[] mac) {

    /** The interface named {@code iface}; an {@link IOException} when there is none or it is not Ethernet. */
    public static EthernetInterface named(String iface) throws IOException {
        NetworkInterface nic = NetworkInterface.getByName(iface);
        if (nic == null) {
            throw new IOException("no interface " + iface);
        }
        byte[] mac = nic.getHardwareAddress();
        if (mac == null || mac.length != 6) {
            throw new IOException(iface + " has no Ethernet address");
        }
        return new EthernetInterface(nic.getIndex(), mac);
    }
}
