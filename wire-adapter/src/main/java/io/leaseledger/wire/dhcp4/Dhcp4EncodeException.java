package io.leaseledger.wire.dhcp4;

/**
 * A message that cannot be written as asked. The encoder never truncates: if the options do not
 * fit the client's maximum message size even with overload, the reply is not sent at all and
 * the caller learns why.
 */
public final class Dhcp4EncodeException extends Dhcp4CodecException {

    public enum Reason {
        /** The options do not fit within the size limit, even using {@code sname} and {@code file} (option 52). */
        MESSAGE_TOO_LARGE
    }

    private final Reason reason;
    private final int required;
    private final int limit;

    Dhcp4EncodeException(Reason reason, int required, int limit) {
        super(reason + ": needs at least " + required + " bytes of DHCP payload, limit is " + limit);
        this.reason = reason;
        this.required = required;
        this.limit = limit;
    }

    public Reason reason() {
        return reason;
    }

    /** A lower bound on the payload size the message needs. */
    public int required() {
        return required;
    }

    /** The DHCP payload limit (UDP payload bytes) that was exceeded. */
    public int limit() {
        return limit;
    }
}
