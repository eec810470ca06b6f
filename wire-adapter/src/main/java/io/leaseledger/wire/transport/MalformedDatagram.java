package io.leaseledger.wire.transport;

import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import java.util.Objects;

/** A datagram the codec could not read, counted by the codec's reason ({@code MALFORMED_TRUNCATED_HEADER}, ...). */
public record MalformedDatagram(Dhcp4DecodeException.Reason reason) implements DropReason {

    public MalformedDatagram {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String name() {
        return "MALFORMED_" + reason.name();
    }
}
