package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The identity of a {@code Subnet} aggregate: the canonical CIDR string ("198.18.0.0/16").
 * One aggregate per subnet; the id is readable in logs, topics and the event store.
 *
 * <p>{@link #toString()} is the id itself: Axon routes commands by the {@code toString()} of
 * the {@code @TargetAggregateIdentifier} field.
 */
public record SubnetId(String value) {

    public SubnetId {
        if (value == null) {
            throw new IllegalArgumentException("subnet id must not be null");
        }
        String canonical = Cidr.parse(value).toString();
        if (!canonical.equals(value)) {
            throw new IllegalArgumentException("subnet id must be the canonical CIDR \"" + canonical + "\", got \"" + value + "\"");
        }
    }

    public static SubnetId of(Cidr cidr) {
        return new SubnetId(cidr.toString());
    }

    @JsonCreator
    public static SubnetId parse(String text) {
        return new SubnetId(text);
    }

    public Cidr cidr() {
        return Cidr.parse(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
