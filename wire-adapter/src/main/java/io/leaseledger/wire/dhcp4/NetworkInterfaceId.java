package io.leaseledger.wire.dhcp4;

/** Client network interface identifier (option 94, RFC 4578 §2.2): type (1 = UNDI) and UNDI major.minor version. */
public record NetworkInterfaceId(int type, int major, int minor) {

    public static final int UNDI = 1;

    public NetworkInterfaceId {
        if ((type | major | minor) < 0 || type > 255 || major > 255 || minor > 255) {
            throw new IllegalArgumentException("NDI fields are octets: " + type + "," + major + "," + minor);
        }
    }
}
