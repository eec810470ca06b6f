package io.leaseledger.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantsTest {

    /** Every instant of years 0000-9999, at every precision from seconds to nanoseconds, reads as Instant.parse reads it. */
    @Property(tries = 2_000)
    void readsTheStoreFormAsInstantParseDoes(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long second,
                                              @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                              @ForAll @IntRange(min = 0, max = 9) int digits) {
        long scale = (long) Math.pow(10, 9 - digits);
        Instant instant = Instant.ofEpochSecond(second, nanos / scale * scale);
        String text = DateTimeFormatter.ISO_INSTANT.format(instant);
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
        // Other precisions than ISO_INSTANT prints (it prints 0, 3, 6 or 9 digits).
        String seconds = text.substring(0, 19);
        String fraction = String.format("%09d", instant.getNano()).substring(0, digits);
        String padded = digits == 0 ? seconds + "Z" : seconds + "." + fraction + "Z";
        assertThat(IsoInstants.parse(padded)).isEqualTo(Instant.parse(padded));
    }

    /** Written as Instant.toString (ISO_INSTANT, what Jackson writes) writes it, across the range and at every precision. */
    @Property(tries = 2_000)
    void writesWhatInstantToStringWrites(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_400_000L) long second,
                                         @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                         @ForAll @IntRange(min = 0, max = 9) int digits) {
        long scale = (long) Math.pow(10, 9 - digits);
        Instant instant = Instant.ofEpochSecond(second, nanos / scale * scale);
        assertWrittenAsToStringWrites(instant);
    }

    @Test
    void writesTheEdgesAsInstantToStringWrites() {
        for (Instant edge : List.of(Instant.EPOCH, Instant.MAX, Instant.MIN, Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
                Instant.ofEpochSecond(253_402_300_800L), Instant.ofEpochSecond(-1, 999_999_999),
                Instant.parse("2000-02-29T23:59:59.001Z"), Instant.parse("2100-03-01T00:00:00.000001Z"),
                Instant.parse("2026-12-31T23:59:59.100Z"), Instant.parse("1970-01-01T00:00:00.000000001Z"))) {
            assertWrittenAsToStringWrites(edge);
        }
    }

    /** Instants of 1970-9999 written as toString writes them; every other one left to toString (-1). */
    private static void assertWrittenAsToStringWrites(Instant instant) {
        byte[] out = new byte[IsoInstants.MAX_FORMATTED];
        int length = IsoInstants.format(instant, out, 0);
        if (instant.getEpochSecond() < 0 || instant.isAfter(Instant.parse("9999-12-31T23:59:59.999999999Z"))) {
            assertThat(length).as("%s", instant).isEqualTo(-1);
        } else {
            assertThat(new String(out, 0, length, StandardCharsets.ISO_8859_1)).as("%s", instant).isEqualTo(instant.toString());
        }
    }

    @Test
    void leavesEveryOtherFormToTheUsualParser() {
        for (String other : List.of("+1000000000-12-31T23:59:59.999999999Z", "-0001-01-01T00:00:00Z",
                "2026-11-24t00:00:00Z", "2026-11-24T00:00:00z", "2026-11-24T00:00:00+01:00", "2026-11-24T00:00Z",
                "2026-11-24T00:00:00.Z", "2026-11-24T00:00:00.1234567890Z", "2026-11-24T24:00:00Z",
                "2026-11-24T23:59:60Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-24T0a:00:00Z",
                "2026-11-24 00:00:00Z", "", "Z")) {
            assertThat(IsoInstants.parse(other)).as(other).isNull();
        }
    }

    @Test
    void theDeserializerGivesWhatTheMappersOwnGives() throws Exception {
        ObjectMapper usual = new ObjectMapper().registerModule(new JavaTimeModule());
        ObjectMapper fast = usual.copy().registerModule(new SimpleModule()
                .addDeserializer(Instant.class, new IsoInstants.Deserializer(InstantDeserializer.INSTANT)));
        for (String json : List.of("\"2026-11-24T14:00:00Z\"", "\"2026-11-24T14:00:00.120Z\"",
                "\"+1000000000-12-31T23:59:59.999999999Z\"", "\"2026-11-24T15:00:00+01:00\"", "1764000000.5", "1764000000")) {
            assertThat(fast.readValue(json, Instant.class)).as(json).isEqualTo(usual.readValue(json, Instant.class));
        }
        record Holder(Instant at, List<Instant> more) {}
        String holder = "{\"at\":\"2026-11-24T14:00:00.000001Z\",\"more\":[\"1970-01-01T00:00:00Z\"]}";
        assertThat(fast.readValue(holder, Holder.class)).isEqualTo(usual.readValue(holder, Holder.class));
    }
}
