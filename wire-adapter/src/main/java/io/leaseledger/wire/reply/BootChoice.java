package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;

import java.util.Objects;
import java.util.Optional;

/**
 * What a network-booting client is told: where the next stage is and what it is called.
 *
 * @param nextServer {@code siaddr}
 * @param serverName {@code sname} and option 66
 * @param bootFile   the {@code file} field (and option 67): a TFTP path, or a URL for HTTP boot and iPXE
 * @param httpClient a UEFI HTTP boot client: the reply must carry option 60 {@code HTTPClient}
 */
public record BootChoice(Optional<Ipv4Address> nextServer, Optional<String> serverName, String bootFile, boolean httpClient) {

    public BootChoice {
        Objects.requireNonNull(nextServer, "nextServer");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(bootFile, "bootFile");
    }
}
