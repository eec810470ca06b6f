package io.leaseledger.wire.dhcp4;

import java.util.Objects;

/**
 * One row of the {@link OptionCatalog}: code, name, wire format, defining RFC, and the typed
 * reader and writer for the value. Read with {@link Dhcp4Message#get(OptionDef)}, write with
 * {@link Dhcp4MessageBuilder#put(OptionDef, Object)} or {@link #encode(Object)}.
 *
 * @param <T> the typed value
 */
public final class OptionDef<T> {

    @FunctionalInterface
    interface Reader<T> {
        /** Reads {@code len} bytes at {@code off}; throws only {@link Dhcp4DecodeException}. */
        T read(byte[] b, int off, int len, int code);
    }

    @FunctionalInterface
    interface Writer<T> {
        /** The value bytes (any length; the encoder splits above 255 per RFC 3396). */
        byte[] write(T value);
    }

    private final OptionCode code;
    private final String name;
    private final OptionFormat format;
    private final String rfc;
    private final String valueType;
    private final Reader<T> reader;
    private final Writer<T> writer;

    OptionDef(int code, String name, OptionFormat format, String rfc, String valueType, Reader<T> reader, Writer<T> writer) {
        this.code = OptionCode.valueOf(code);
        this.name = name;
        this.format = format;
        this.rfc = rfc;
        this.valueType = valueType;
        this.reader = reader;
        this.writer = writer;
    }

    public OptionCode code() {
        return code;
    }

    /** The catalogue name, lower-case with dashes ({@code "domain-name-servers"}). */
    public String name() {
        return name;
    }

    public OptionFormat format() {
        return format;
    }

    /** The defining document and section, e.g. {@code "RFC 2132 §3.5"}. */
    public String rfc() {
        return rfc;
    }

    /** The Java type the typed reader returns, for documentation. */
    public String valueType() {
        return valueType;
    }

    /** Reads a value; a malformed one gives a {@link Dhcp4DecodeException} (never another exception). */
    public T decode(byte[] value) {
        return decode(value, 0, value.length);
    }

    public T decode(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        try {
            return reader.read(b, off, len, code.value());
        } catch (Dhcp4DecodeException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Value types validate themselves; a value they refuse is a bad option value, not a bug.
            throw new Dhcp4DecodeException(Dhcp4DecodeException.Reason.BAD_OPTION_VALUE, code.value(), e.getMessage());
        }
    }

    /** The value bytes for {@code value}; throws {@link IllegalArgumentException} if it cannot be represented. */
    public byte[] encode(T value) {
        return writer.write(Objects.requireNonNull(value, "value"));
    }

    @Override
    public String toString() {
        return name + "(" + code.value() + ")";
    }
}
