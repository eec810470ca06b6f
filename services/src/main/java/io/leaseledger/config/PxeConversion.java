package io.leaseledger.config;

import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.wire.reply.PxeBoot;

import java.util.Optional;

/** PXE settings between the event log's form ({@link PxeSettings}) and the replies' ({@link PxeBoot}). */
final class PxeConversion {
    private PxeConversion() {}

    static PxeSettings settings(PxeBoot boot) {
        return new PxeSettings(boot.nextServer().orElse(null), boot.serverName().orElse(null),
                boot.biosBootFile().orElse(null), boot.uefiX64BootFile().orElse(null),
                boot.uefiArm64BootFile().orElse(null), boot.httpBootX64Url().orElse(null),
                boot.httpBootArm64Url().orElse(null), boot.ipxeScriptUrl().orElse(null));
    }

    static PxeBoot boot(PxeSettings settings) {
        return new PxeBoot(Optional.ofNullable(settings.nextServer()), Optional.ofNullable(settings.serverName()),
                Optional.ofNullable(settings.biosBootFile()), Optional.ofNullable(settings.uefiX64BootFile()),
                Optional.ofNullable(settings.uefiArm64BootFile()), Optional.ofNullable(settings.httpBootX64Url()),
                Optional.ofNullable(settings.httpBootArm64Url()), Optional.ofNullable(settings.ipxeScriptUrl()));
    }
}
