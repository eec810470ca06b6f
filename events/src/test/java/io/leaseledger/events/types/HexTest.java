package io.leaseledger.events.types;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import static org.assertj.core.api.Assertions.assertThat;

class HexTest {

    @Property(tries = 1_000)
    void readsBackWhatItWrites(@ForAll @Size(min = 1, max = 40) byte[] bytes) {
        assertThat(Hex.parse(Hex.format(bytes), "octets")).isEqualTo(bytes);
        assertThat(Hex.parse(Hex.format(bytes).toUpperCase(), "octets")).isEqualTo(bytes);
    }

    /** The one-pass reading of "aa:bb:cc" takes and refuses exactly what the general reading does. */
    @Property(tries = 5_000)
    void readsEveryTextAsTheGeneralReadingDoes(@ForAll("nearlyHex") String text) {
        assertThat(outcome(() -> Hex.parse(text, "octets"))).isEqualTo(outcome(() -> Hex.parseAnyForm(text, "octets")));
    }

    @Provide
    Arbitrary<String> nearlyHex() {
        Arbitrary<String> any = Arbitraries.strings().withChars("0123456789abcdefABCDEFg:-").ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> formatted = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(20).map(Hex::format);
        return Arbitraries.oneOf(any, formatted);
    }

    /** The bytes as a list, or the error's message. */
    private static Object outcome(java.util.function.Supplier<byte[]> parse) {
        try {
            return java.util.Arrays.toString(parse.get());
        } catch (IllegalArgumentException e) {
            return "refused: " + e.getMessage();
        }
    }
}
