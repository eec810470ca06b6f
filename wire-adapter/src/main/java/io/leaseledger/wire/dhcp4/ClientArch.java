package io.leaseledger.wire.dhcp4;

/**
 * A client system architecture type (option 93, RFC 4578 §2.1, IANA "Processor Architecture
 * Types"). Open: unassigned values are kept. Note IANA corrected RFC 4578's table: 7 is x64 UEFI and
 * 9 is EFI byte code.
 */
public record ClientArch(int value) {

    public static final ClientArch X86_BIOS = new ClientArch(0);
    public static final ClientArch X86_UEFI = new ClientArch(6);
    public static final ClientArch X64_UEFI = new ClientArch(7);
    public static final ClientArch EBC = new ClientArch(9);
    public static final ClientArch ARM32_UEFI = new ClientArch(10);
    public static final ClientArch ARM64_UEFI = new ClientArch(11);
    public static final ClientArch X86_UEFI_HTTP = new ClientArch(15);
    public static final ClientArch X64_UEFI_HTTP = new ClientArch(16);
    public static final ClientArch ARM64_UEFI_HTTP = new ClientArch(19);

    public ClientArch {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("architecture type out of range 0..65535: " + value);
        }
    }

    public static ClientArch of(int value) {
        return new ClientArch(value);
    }

    @Override
    public String toString() {
        String name = switch (value) {
            case 0 -> "x86-bios";
            case 6 -> "x86-uefi";
            case 7 -> "x64-uefi";
            case 9 -> "ebc";
            case 10 -> "arm32-uefi";
            case 11 -> "arm64-uefi";
            case 15 -> "x86-uefi-http";
            case 16 -> "x64-uefi-http";
            case 19 -> "arm64-uefi-http";
            default -> "arch";
        };
        return name + "(" + value + ")";
    }
}
