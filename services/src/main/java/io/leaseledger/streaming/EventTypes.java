package io.leaseledger.streaming;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.DeviceSeen;
import io.leaseledger.events.subnet.DiscoveriesCleared;
import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.subnet.LeaseEvent;
import io.leaseledger.events.subnet.PoolExhausted;
import io.leaseledger.events.subnet.SubnetEvent;
import org.axonframework.serialization.Revision;

/**
 * Names on the stream: the CloudEvents {@code type} of an event ({@code io.leaseledger.LeaseGranted.v1}),
 * its JSON Schema's id, and which topic it belongs on.
 */
public final class EventTypes {
    public static final String TYPE_PREFIX = "io.leaseledger.";
    /** Where the checked-in schemas claim to live; {@code events/src/main/resources/schemas/} holds them. */
    public static final String SCHEMA_BASE = "https://schemas.leaseledger.io/events/";

    private EventTypes() {}

    /** {@code 1} for {@code @Revision("1")}; an event without one is revision 0. */
    public static String revision(Class<?> eventType) {
        Revision revision = eventType.getAnnotation(Revision.class);
        return revision == null ? "0" : revision.value();
    }

    /** {@code LeaseGranted.v1}: the schema's file name without {@code .json}, and the tail of the CloudEvents type. */
    public static String versionedName(Class<?> eventType) {
        return eventType.getSimpleName() + ".v" + revision(eventType);
    }

    public static String cloudEventType(Class<?> eventType) {
        return TYPE_PREFIX + versionedName(eventType);
    }

    public static String schemaId(Class<?> eventType) {
        return SCHEMA_BASE + versionedName(eventType) + ".json";
    }

    /** The simple name in a CloudEvents type ({@code LeaseGranted} of {@code io.leaseledger.LeaseGranted.v1}), or the type itself. */
    public static String simpleName(String cloudEventType) {
        String rest = cloudEventType.startsWith(TYPE_PREFIX) ? cloudEventType.substring(TYPE_PREFIX.length()) : cloudEventType;
        int dot = rest.lastIndexOf(".v");
        return dot > 0 ? rest.substring(0, dot) : rest;
    }

    /**
     * Lease lifecycle, pool, in-use, foreign-server and device-seen events (what happened on the wire) go to the
     * leases topic; the subnet's configuration to the other.
     */
    public static boolean isLeaseTopicEvent(SubnetEvent event) {
        return isLeaseTopicEvent(event.getClass());
    }

    /** {@link #isLeaseTopicEvent(SubnetEvent)} by the event's class. */
    public static boolean isLeaseTopicEvent(Class<?> eventType) {
        return LeaseEvent.class.isAssignableFrom(eventType) || PoolExhausted.class.isAssignableFrom(eventType)
                || AddressInUseObserved.class.isAssignableFrom(eventType)
                || ForeignDhcpServerObserved.class.isAssignableFrom(eventType)
                || DeviceSeen.class.isAssignableFrom(eventType) || DiscoveriesCleared.class.isAssignableFrom(eventType);
    }
}
