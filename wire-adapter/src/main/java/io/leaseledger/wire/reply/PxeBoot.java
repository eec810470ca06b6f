package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;

import java.util.Optional;

/**
 * Network boot: where PXE firmware finds its next stage. Every key is optional; a subnet's block
 * is laid over the global one key by key ({@link #over(PxeBoot)}).
 *
 * @param nextServer      {@code siaddr}, the TFTP server of the next stage
 * @param serverName      {@code sname} and option 66 (TFTP server name)
 * @param biosBootFile    boot file for option 93 type 0 (x86 BIOS), e.g. {@code lpxelinux.0}
 * @param uefiX64BootFile boot file for types 7 and 9 (x86-64 UEFI), e.g. {@code bootx64.efi}
 * @param uefiArm64BootFile boot file for type 11 (arm64 UEFI), e.g. {@code bootaa64.efi}
 * @param httpBootX64Url  URL answered to x86-64 UEFI HTTP boot clients (option 60 {@code HTTPClient}, type 16)
 * @param httpBootArm64Url URL answered to arm64 UEFI HTTP boot clients (type 19)
 * @param ipxeScriptUrl   URL answered to iPXE (user class 77 {@code iPXE}), so a chain-loaded iPXE
 *                        gets its script instead of itself again
 */
public record PxeBoot(
        Optional<Ipv4Address> nextServer,
        Optional<String> serverName,
        Optional<String> biosBootFile,
        Optional<String> uefiX64BootFile,
        Optional<String> uefiArm64BootFile,
        Optional<String> httpBootX64Url,
        Optional<String> httpBootArm64Url,
        Optional<String> ipxeScriptUrl) {

    public static final PxeBoot NONE = new PxeBoot(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** This block with every key it leaves unset taken from {@code defaults}. */
    public PxeBoot over(PxeBoot defaults) {
        return new PxeBoot(
                nextServer.or(defaults::nextServer),
                serverName.or(defaults::serverName),
                biosBootFile.or(defaults::biosBootFile),
                uefiX64BootFile.or(defaults::uefiX64BootFile),
                uefiArm64BootFile.or(defaults::uefiArm64BootFile),
                httpBootX64Url.or(defaults::httpBootX64Url),
                httpBootArm64Url.or(defaults::httpBootArm64Url),
                ipxeScriptUrl.or(defaults::ipxeScriptUrl));
    }
}
