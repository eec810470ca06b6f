package io.leaseledger.wire.reply;

import io.leaseledger.wire.dhcp4.ClientArch;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.OptionCatalog;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The boot file for a network-booting client, chosen in this order:
 * <ol>
 *   <li>user class (77) {@code iPXE}: the iPXE script URL. iPXE is often chain-loaded by the
 *       firmware; answering it with the iPXE binary again would loop forever;</li>
 *   <li>vendor class (60) starting {@code HTTPClient} (UEFI HTTP boot): the HTTP URL for its
 *       architecture (option 93: 16 or 7/9 x86-64, 19 or 11 arm64), and the reply echoes
 *       {@code HTTPClient} in option 60, as UEFI requires; a TFTP file is never offered to it;</li>
 *   <li>vendor class {@code PXEClient} or an architecture (option 93): the TFTP boot file for
 *       it — 0 BIOS, 7 and 9 UEFI x86-64, 11 UEFI arm64; no option 93 means a legacy BIOS ROM.</li>
 * </ol>
 * Other clients (an operating system's DHCP client) get no boot settings. A client whose case is
 * not configured gets none either: an empty file name would only make the firmware retry. A
 * malformed option 60, 77 or 93 counts as absent. Pure: no state, no I/O.
 */
public final class PxeSelection {

    private PxeSelection() {}

    public static Optional<BootChoice> select(Dhcp4Message request, PxeBoot pxe) {
        String vendorClass = read(() -> request.get(OptionCatalog.VENDOR_CLASS_IDENTIFIER)).orElse("");
        boolean ipxe = read(() -> request.get(OptionCatalog.USER_CLASS)).map(u -> u.contains("iPXE")).orElse(false);
        Optional<Integer> arch = read(() -> request.get(OptionCatalog.CLIENT_SYSTEM_ARCHITECTURE))
                .flatMap(l -> l.stream().findFirst()).map(ClientArch::value);
        boolean http = vendorClass.startsWith("HTTPClient");
        if (ipxe && pxe.ipxeScriptUrl().isPresent()) {
            return choice(pxe, pxe.ipxeScriptUrl(), false);
        }
        if (http) {
            return choice(pxe, switch (arch.orElse(-1)) {
                case 16, 7, 9 -> pxe.httpBootX64Url();
                case 19, 11 -> pxe.httpBootArm64Url();
                default -> Optional.empty();
            }, true);
        }
        if (!vendorClass.startsWith("PXEClient") && arch.isEmpty() && !ipxe) {
            return Optional.empty();
        }
        return choice(pxe, switch (arch.orElse(0)) {
            case 0 -> pxe.biosBootFile();
            case 7, 9 -> pxe.uefiX64BootFile();
            case 11 -> pxe.uefiArm64BootFile();
            default -> Optional.empty();
        }, false);
    }

    private static Optional<BootChoice> choice(PxeBoot pxe, Optional<String> file, boolean http) {
        return file.map(f -> new BootChoice(pxe.nextServer(), pxe.serverName(), f, http));
    }

    private static <T> Optional<T> read(Supplier<Optional<T>> option) {
        try {
            return option.get();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
