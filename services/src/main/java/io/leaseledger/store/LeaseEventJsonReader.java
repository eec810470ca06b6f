package io.leaseledger.store;

import io.leaseledger.events.subnet.AddressDeclined;
import io.leaseledger.events.subnet.GrantKind;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.LeaseExpired;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.subnet.LeaseReleased;
import io.leaseledger.events.subnet.NakReason;
import io.leaseledger.events.subnet.OfferWithdrawn;
import io.leaseledger.events.subnet.ProbationEnded;
import io.leaseledger.events.subnet.RequestRefused;
import io.leaseledger.events.subnet.RequestState;
import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;

import org.axonframework.serialization.Revision;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads back exactly what {@link LeaseEventJsonWriter} writes — the fields in their order, no
 * whitespace, plain ASCII text — straight from the bytes, without a Jackson parser. Anything else
 * (another field order, an unknown or missing field, an escape, non-ASCII text, a value its type
 * refuses) makes {@link #read} return null, and the caller reads the event through Jackson,
 * which takes every form and reports what is wrong.
 *
 * <p>Why: a rebuild reads every event of the log, nearly all of them lease events in this form,
 * and a Jackson read costs its parser, its context and a string per token on top of the fields.
 * {@code LeaseEventJsonTest} holds the results to Jackson's.
 */
final class LeaseEventJsonReader {
    /** The lease event classes by name, with the revision this build writes them at. */
    private static final Map<String, Written> TYPES = types();

    private record Written(Class<?> type, String revision) {}

    private static Map<String, Written> types() {
        Map<String, Written> types = new HashMap<>();
        for (Class<?> type : LeaseEvent.class.getPermittedSubclasses()) {
            Revision revision = type.getAnnotation(Revision.class);
            types.put(type.getName(), new Written(type, revision == null ? null : revision.value()));
        }
        return Map.copyOf(types);
    }

    /**
     * Subnet ids as read, by their text: a log names a handful of subnets in every one of its
     * events, and {@link SubnetId#parse} checks each through a CIDR parse (a twelfth of a
     * rebuild's reader). Bounded: past this many, ids are parsed every time.
     */
    private static final int MAX_CACHED_SUBNETS = 4_096;
    private static final Map<String, SubnetId> SUBNETS = new ConcurrentHashMap<>();

    /** The form is not the writer's: the caller goes through Jackson. */
    private static final class NotCanonical extends Exception {
        private static final NotCanonical INSTANCE = new NotCanonical();

        private NotCanonical() {
            super(null, null, false, false);
        }
    }

    private final byte[] in;
    private int pos;

    private LeaseEventJsonReader(byte[] in) {
        this.in = in;
    }

    /**
     * The lease event named {@code typeName} at {@code revision} in {@code json}; null if it is not
     * a lease event of the revision this build writes, or not in the writer's form.
     */
    static LeaseEvent read(String typeName, String revision, byte[] json) {
        Written written = TYPES.get(typeName);
        if (written == null || !Objects.equals(revision, written.revision())) {
            return null;
        }
        try {
            return new LeaseEventJsonReader(json).event(written.type());
        } catch (NotCanonical | RuntimeException notTheWritersForm) {
            // out of bounds, or a value its type refuses: Jackson reads it, or says what is wrong
            return null;
        }
    }

    private LeaseEvent event(Class<?> type) throws NotCanonical {
        expect("{\"subnetId\":");
        SubnetId subnetId = text(LeaseEventJsonReader::subnetId);
        expect(",\"address\":");
        Ipv4Address address = text(Ipv4Address::parse);
        expect(",\"client\":");
        ClientIdentity client = client();
        expect(",\"transactionId\":");
        TransactionId xid = text(TransactionId::parse);
        expect(",\"at\":");
        Instant at = instant();
        LeaseEvent event;
        if (type == LeaseOffered.class) {
            expect(",\"leaseTime\":");
            LeaseTime leaseTime = leaseTime();
            expect(",\"heldUntil\":");
            event = new LeaseOffered(subnetId, address, client, xid, at, leaseTime, instant());
        } else if (type == LeaseGranted.class) {
            expect(",\"kind\":");
            GrantKind kind = text(name -> GrantKind.valueOf(name));
            expect(",\"leaseTime\":");
            LeaseTime leaseTime = leaseTime();
            expect(",\"expiresAt\":");
            event = new LeaseGranted(subnetId, address, client, xid, at, kind, leaseTime, instant());
        } else if (type == RequestRefused.class) {
            expect(",\"state\":");
            RequestState state = text(name -> RequestState.valueOf(name));
            expect(",\"reason\":");
            event = new RequestRefused(subnetId, address, client, xid, at, state, text(name -> NakReason.valueOf(name)));
        } else if (type == AddressDeclined.class) {
            expect(",\"probationUntil\":");
            event = new AddressDeclined(subnetId, address, client, xid, at, instant());
        } else if (type == LeaseExpired.class) {
            expect(",\"expiredAt\":");
            event = new LeaseExpired(subnetId, address, client, xid, at, instant());
        } else if (type == OfferWithdrawn.class) {
            expect(",\"reason\":");
            event = new OfferWithdrawn(subnetId, address, client, xid, at, text(name -> OfferWithdrawn.Reason.valueOf(name)));
        } else if (type == LeaseReleased.class) {
            event = new LeaseReleased(subnetId, address, client, xid, at);
        } else if (type == ProbationEnded.class) {
            event = new ProbationEnded(subnetId, address, client, xid, at);
        } else {
            throw NotCanonical.INSTANCE;
        }
        expect("}");
        if (pos != in.length) {
            throw NotCanonical.INSTANCE;
        }
        return event;
    }

    private static SubnetId subnetId(String text) {
        SubnetId id = SUBNETS.get(text);
        if (id == null) {
            id = SubnetId.parse(text);
            if (SUBNETS.size() < MAX_CACHED_SUBNETS) {
                SUBNETS.put(text, id);
            }
        }
        return id;
    }

    private ClientIdentity client() throws NotCanonical {
        if (nullNext()) {
            return null;
        }
        expect("{\"chaddr\":");
        MacAddress chaddr = text(MacAddress::parse);
        ClientId clientId = optional(",\"clientId\":", ClientId::parse);
        Hostname hostname = optional(",\"hostname\":", Hostname::of);
        String vendorClass = optional(",\"vendorClass\":", Function.identity());
        RelayAgent relay = null;
        if (next(",\"relay\":{\"giaddr\":")) {
            Ipv4Address giaddr = text(Ipv4Address::parse);
            Octets circuitId = optional(",\"circuitId\":", Octets::parse);
            Octets remoteId = optional(",\"remoteId\":", Octets::parse);
            Ipv4Address linkSelection = optional(",\"linkSelection\":", Ipv4Address::parse);
            expect("}");
            relay = new RelayAgent(giaddr, circuitId, remoteId, linkSelection);
        }
        expect("}");
        return new ClientIdentity(chaddr, clientId, hostname, vendorClass, relay);
    }

    /** A field the writer leaves out when absent: its value, or null when the next bytes are not it. */
    private <T> T optional(String field, Function<String, T> parse) throws NotCanonical {
        if (!next(field)) {
            return null;
        }
        T value = text(parse);
        if (value == null) {
            throw NotCanonical.INSTANCE;   // written as absent, never as null
        }
        return value;
    }

    private Instant instant() throws NotCanonical {
        return text(t -> {
            Instant instant = IsoInstants.parse(t);
            return instant != null ? instant : Instant.parse(t);
        });
    }

    private LeaseTime leaseTime() throws NotCanonical {
        if (nullNext()) {
            return null;
        }
        long seconds = 0;
        int start = pos;
        while (pos < in.length && in[pos] >= '0' && in[pos] <= '9' && pos - start < 18) {
            seconds = seconds * 10 + (in[pos++] - '0');
        }
        if (pos == start || (in[start] == '0' && pos - start > 1)) {
            throw NotCanonical.INSTANCE;
        }
        return LeaseTime.ofSeconds(seconds);
    }

    /** A quoted string of plain ASCII (no escapes) made into a value, or {@code null}. */
    private <T> T text(Function<String, T> parse) throws NotCanonical {
        if (nullNext()) {
            return null;
        }
        if (in[pos] != '"') {
            throw NotCanonical.INSTANCE;
        }
        int start = ++pos;
        while (true) {
            byte b = in[pos];
            if (b == '"') {
                break;
            }
            if (b < 0x20 || b == '\\') {   // negative: a byte of a non-ASCII character
                throw NotCanonical.INSTANCE;
            }
            pos++;
        }
        String value = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        pos++;
        return parse.apply(value);
    }

    private boolean nullNext() {
        if (pos + 4 <= in.length && in[pos] == 'n' && in[pos + 1] == 'u' && in[pos + 2] == 'l' && in[pos + 3] == 'l') {
            pos += 4;
            return true;
        }
        return false;
    }

    /** Whether the next bytes are {@code ascii}; consumed if they are. */
    private boolean next(String ascii) {
        int n = ascii.length();
        if (pos + n > in.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (in[pos + i] != ascii.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    private void expect(String ascii) throws NotCanonical {
        if (!next(ascii)) {
            throw NotCanonical.INSTANCE;
        }
    }
}
