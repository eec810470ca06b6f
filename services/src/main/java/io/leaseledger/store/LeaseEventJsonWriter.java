package io.leaseledger.store;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.RelayAgent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * A lease event's JSON straight into bytes, without a Jackson generator: byte for byte what
 * Jackson's record serialization writes with the store's mapper (components in declaration
 * order, {@code null} for an absent event component, absent parts of a client identity and relay
 * left out, value types as their {@code @JsonValue} text, instants in ISO-8601, enums by name),
 * which every reader of the log and the Kafka stream already reads. Only for events whose text
 * needs no JSON escaping: every string plain ASCII without quotes, backslashes or control
 * characters, which the value types always are and host names and vendor classes nearly always.
 * For any other event {@link #write} returns null and the caller goes through Jackson, which
 * escapes.
 *
 * <p>Why: the store serialises every event a subnet commits on the thread that decides the
 * batch, and a Jackson call costs its writer, serializer provider, generator and buffers on top
 * of the fields (two thirds of the call for these small objects). {@code LeaseEventJsonTest}
 * holds the bytes to Jackson's.
 */
final class LeaseEventJsonWriter {
    private static final byte[] SUBNET_ID = field("{", "subnetId");
    private static final byte[] ADDRESS = field(",", "address");
    private static final byte[] CLIENT = field(",", "client");
    private static final byte[] TRANSACTION_ID = field(",", "transactionId");
    private static final byte[] AT = field(",", "at");
    private static final byte[] LEASE_TIME = field(",", "leaseTime");
    private static final byte[] HELD_UNTIL = field(",", "heldUntil");
    private static final byte[] KIND = field(",", "kind");
    private static final byte[] EXPIRES_AT = field(",", "expiresAt");
    private static final byte[] STATE = field(",", "state");
    private static final byte[] REASON = field(",", "reason");
    private static final byte[] PROBATION_UNTIL = field(",", "probationUntil");
    private static final byte[] EXPIRED_AT = field(",", "expiredAt");
    private static final byte[] CHADDR = field("{", "chaddr");
    private static final byte[] CLIENT_ID = field(",", "clientId");
    private static final byte[] HOSTNAME = field(",", "hostname");
    private static final byte[] VENDOR_CLASS = field(",", "vendorClass");
    private static final byte[] RELAY = field(",", "relay");
    private static final byte[] GIADDR = field("{", "giaddr");
    private static final byte[] CIRCUIT_ID = field(",", "circuitId");
    private static final byte[] REMOTE_ID = field(",", "remoteId");
    private static final byte[] LINK_SELECTION = field(",", "linkSelection");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    /** One writer per thread, its buffer reused: the event's bytes are the one array a call allocates. */
    private static final ThreadLocal<LeaseEventJsonWriter> WRITERS = ThreadLocal.withInitial(LeaseEventJsonWriter::new);
    /** A buffer grown past this by an unusually long event is not kept for the next one. */
    private static final int KEPT_BUFFER = 4_096;

    private byte[] out = new byte[512];
    private int length;
    /** A string that needs escaping was met: the event is left to Jackson. */
    private boolean needsEscaping;

    private LeaseEventJsonWriter() {}

    /** The event's JSON, or null if some text in it needs escaping (Jackson writes those). */
    static byte[] write(LeaseEvent event) {
        LeaseEventJsonWriter writer = WRITERS.get();
        writer.length = 0;
        writer.needsEscaping = false;
        try {
            return writer.event(event);
        } finally {
            if (writer.out.length > KEPT_BUFFER) {
                writer.out = new byte[512];
            }
        }
    }

    private byte[] event(LeaseEvent event) {
        append(SUBNET_ID);
        string(event.subnetId());
        append(ADDRESS);
        address(event.address());
        append(CLIENT);
        client(event.client());
        append(TRANSACTION_ID);
        string(event.transactionId());
        append(AT);
        instant(event.at());
        switch (event) {
            case LeaseOffered e -> {
                append(LEASE_TIME);
                leaseTime(e.leaseTime());
                append(HELD_UNTIL);
                instant(e.heldUntil());
            }
            case LeaseGranted e -> {
                append(KIND);
                constant(e.kind());
                append(LEASE_TIME);
                leaseTime(e.leaseTime());
                append(EXPIRES_AT);
                instant(e.expiresAt());
            }
            case RequestRefused e -> {
                append(STATE);
                constant(e.state());
                append(REASON);
                constant(e.reason());
            }
            case AddressDeclined e -> {
                append(PROBATION_UNTIL);
                instant(e.probationUntil());
            }
            case LeaseExpired e -> {
                append(EXPIRED_AT);
                instant(e.expiredAt());
            }
            case OfferWithdrawn e -> {
                append(REASON);
                constant(e.reason());
            }
            case LeaseReleased e -> { }
            case ProbationEnded e -> { }
        }
        append('}');
        return needsEscaping ? null : Arrays.copyOf(out, length);
    }

    /** Absent parts left out ({@code @JsonInclude(NON_NULL)}); the hardware address is never absent. */
    private void client(ClientIdentity client) {
        if (client == null) {
            append(NULL);
            return;
        }
        append(CHADDR);
        string(client.chaddr());
        optional(CLIENT_ID, client.clientId());
        optional(HOSTNAME, client.hostname());
        optional(VENDOR_CLASS, client.vendorClass());
        if (client.relay() != null) {
            append(RELAY);
            relay(client.relay());
        }
        append('}');
    }

    /** The relay's giaddr is never absent. */
    private void relay(RelayAgent relay) {
        append(GIADDR);
        address(relay.giaddr());
        optional(CIRCUIT_ID, relay.circuitId());
        optional(REMOTE_ID, relay.remoteId());
        if (relay.linkSelection() != null) {
            append(LINK_SELECTION);
            address(relay.linkSelection());
        }
        append('}');
    }

    /** A field left out when absent ({@code @JsonInclude(NON_NULL)}). */
    private void optional(byte[] name, Object value) {
        if (value != null) {
            append(name);
            string(value);
        }
    }

    private void constant(Enum<?> value) {
        string(value == null ? null : value.name());
    }

    private void leaseTime(LeaseTime value) {
        if (value == null) {
            append(NULL);
        } else {
            ascii(Long.toString(value.jsonValue()));
        }
    }

    private void instant(Instant value) {
        if (value == null) {
            append(NULL);
            return;
        }
        ensure(IsoInstants.MAX_FORMATTED + 2);
        out[length++] = '"';
        int written = IsoInstants.format(value, out, length);
        if (written < 0) {
            length--;
            string(value.toString());
            return;
        }
        length += written;
        out[length++] = '"';
    }

    /** Dotted quad, as {@link Ipv4Address#toString()} writes it. */
    private void address(Ipv4Address value) {
        if (value == null) {
            append(NULL);
            return;
        }
        ensure(17);
        out[length++] = '"';
        int bits = value.value();
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (bits >>> shift) & 0xFF;
            if (octet >= 100) {
                out[length++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                out[length++] = (byte) ('0' + octet / 10 % 10);
            }
            out[length++] = (byte) ('0' + octet % 10);
            if (shift > 0) {
                out[length++] = '.';
            }
        }
        out[length++] = '"';
    }

    /** A value as its {@code @JsonValue} text ({@code toString()}), quoted; null as {@code null}. */
    private void string(Object value) {
        if (value == null) {
            append(NULL);
            return;
        }
        String text = value.toString();
        ensure(text.length() + 2);
        out[length++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') {
                needsEscaping = true;
                return;
            }
            out[length++] = (byte) c;
        }
        out[length++] = '"';
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            out[length++] = (byte) text.charAt(i);
        }
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, out, length, bytes.length);
        length += bytes.length;
    }

    private void append(char c) {
        ensure(1);
        out[length++] = (byte) c;
    }

    private void ensure(int more) {
        if (length + more > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, length + more));
        }
    }

    private static byte[] field(String before, String name) {
        return (before + "\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}
