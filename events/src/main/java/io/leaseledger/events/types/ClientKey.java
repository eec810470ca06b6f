package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.leaseledger.events.PersonalData;

/**
 * Who a lease belongs to (RFC 2131 §4.2): the client identifier (option 61) when the client
 * sends one, otherwise its hardware address. Spelled "id:01:aa:..." or "hw:aa:bb:...", so the
 * two spaces never collide. Used as a map key: equality is string equality.
 */
public record ClientKey(@PersonalData("client identifier or hardware address") String value) {

    public ClientKey {
        if (value == null || !(value.startsWith("id:") || value.startsWith("hw:")) || value.length() < 4) {
            throw new IllegalArgumentException("client key must be \"id:HEX\" or \"hw:MAC\", got \"" + value + "\"");
        }
    }

    public static ClientKey of(ClientId clientId) {
        return new ClientKey("id:" + clientId);
    }

    public static ClientKey of(MacAddress chaddr) {
        return new ClientKey("hw:" + chaddr);
    }

    @JsonCreator
    public static ClientKey parse(String value) {
        return new ClientKey(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
