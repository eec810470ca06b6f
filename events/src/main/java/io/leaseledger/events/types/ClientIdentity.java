package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;

/**
 * Everything a DHCP message says about who sent it: {@code chaddr} (always), the client
 * identifier (option 61), the host name (option 12), the vendor class (option 60, e.g.
 * "PXEClient:Arch:00007:UNDI:003016") and the relay agent it came through. Optional parts are null.
 *
 * <p>{@link #key()} is the identity a lease is bound to: client id if present, else chaddr.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientIdentity(
        @PersonalData("hardware address") MacAddress chaddr,
        @PersonalData("client identifier") ClientId clientId,
        @PersonalData("host name") Hostname hostname,
        @PersonalData("vendor class") String vendorClass,
        RelayAgent relay) {

    public static final int MAX_VENDOR_CLASS_LENGTH = 255;

    public ClientIdentity {
        if (chaddr == null) {
            throw new IllegalArgumentException("client identity needs the hardware address (chaddr)");
        }
        if (vendorClass != null && (vendorClass.isEmpty() || vendorClass.length() > MAX_VENDOR_CLASS_LENGTH)) {
            throw new IllegalArgumentException("vendor class must have 1.." + MAX_VENDOR_CLASS_LENGTH
                    + " characters, got " + vendorClass.length());
        }
    }

    /** A directly connected client that sent nothing but its hardware address. */
    public static ClientIdentity of(MacAddress chaddr) {
        return new ClientIdentity(chaddr, null, null, null, null);
    }

    /** The lease binding key (RFC 2131 §4.2): client id if present, else chaddr. */
    @JsonIgnore
    public ClientKey key() {
        return clientId != null ? ClientKey.of(clientId) : ClientKey.of(chaddr);
    }

    public ClientIdentity withClientId(ClientId id) {
        return new ClientIdentity(chaddr, id, hostname, vendorClass, relay);
    }

    public ClientIdentity withHostname(Hostname name) {
        return new ClientIdentity(chaddr, clientId, name, vendorClass, relay);
    }

    public ClientIdentity withVendorClass(String vendor) {
        return new ClientIdentity(chaddr, clientId, hostname, vendor, relay);
    }

    public ClientIdentity withRelay(RelayAgent agent) {
        return new ClientIdentity(chaddr, clientId, hostname, vendorClass, agent);
    }
}
