package io.leaseledger.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The instants of the event store read and written without {@code DateTimeFormatter}: a
 * rebuild's reader spent a third of its time parsing them (every event has its timestamp and two
 * or three in its payload). Only the form the store writes, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with one to nine
 * digits of fraction, is read here, and gives exactly what {@code Instant.parse} gives; anything
 * else (another form, an out-of-range field, {@link Instant#MAX}'s {@code +1000000000-…}) is left
 * to the usual parser ({@link #parse} returns null).
 */
public final class IsoInstants {
    /** The longest text {@link #format} writes: nine digits of fraction. */
    static final int MAX_FORMATTED = 30;
    /** The last second {@link #format} writes itself: 9999-12-31T23:59:59Z. */
    private static final long LAST_FOUR_DIGIT_YEAR_SECOND = 253_402_300_799L;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private IsoInstants() {}

    /** The instant {@code text} spells in the store's form, or null if it is in any other. */
    public static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21;   // digits between '.' and 'Z'
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nanos = digits(text, 20, n - 1);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /**
     * What {@link Instant#toString()} (and Jackson's instant serializer, {@code ISO_INSTANT})
     * writes, without {@code DateTimeFormatter}, as ASCII bytes at {@code out[at]} (room for
     * {@link #MAX_FORMATTED} needed): seconds, then three, six or nine digits of fraction as the
     * nanoseconds need, then {@code Z}. Returns how many bytes, or -1 for an instant outside
     * 1970-9999 ({@link Instant#MAX}'s {@code +1000000000-…}), which the caller leaves to
     * {@code toString()}.
     */
    static int format(Instant instant, byte[] out, int at) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds > LAST_FOUR_DIGIT_YEAR_SECOND) {
            return -1;
        }
        int nanos = instant.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        // Days to a civil date (H. Hinnant's days_from_civil inverted; days >= 0 here).
        long days = seconds / 86_400;
        int secondOfDay = (int) (seconds % 86_400);
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        put(out, at, year, 4);
        out[at + 4] = '-';
        put(out, at + 5, month, 2);
        out[at + 7] = '-';
        put(out, at + 8, day, 2);
        out[at + 10] = 'T';
        put(out, at + 11, secondOfDay / 3_600, 2);
        out[at + 13] = ':';
        put(out, at + 14, secondOfDay / 60 % 60, 2);
        out[at + 16] = ':';
        put(out, at + 17, secondOfDay % 60, 2);
        int length = 19;
        if (fraction > 0) {
            out[at + 19] = '.';
            put(out, at + 20, nanos / POWERS_OF_TEN[9 - fraction], fraction);
            length = 20 + fraction;
        }
        out[at + length] = 'Z';
        return length + 1;
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code out[at]}. */
    private static void put(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = text.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    /**
     * A Jackson deserializer of {@link Instant}: strings in the store's form through
     * {@link #parse}, everything else through {@code fallback} (the mapper's own).
     */
    public static final class Deserializer extends StdDeserializer<Instant> implements ContextualDeserializer {
        private final JsonDeserializer<?> fallback;

        public Deserializer(JsonDeserializer<?> fallback) {
            super(Instant.class);
            this.fallback = fallback;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            JsonDeserializer<?> contextual = fallback instanceof ContextualDeserializer c
                    ? c.createContextual(context, property)
                    : fallback;
            return contextual == fallback ? this : new Deserializer(contextual);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant instant = parse(parser.getText());
                if (instant != null) {
                    return instant;
                }
            }
            return (Instant) fallback.deserialize(parser, context);
        }
    }
}
