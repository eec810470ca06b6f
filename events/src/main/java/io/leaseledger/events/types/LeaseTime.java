package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.time.Instant;

/**
 * A DHCP time in whole seconds as options 51, 58 and 59 carry it: 1..2^32-1, where 2^32-1
 * (0xffffffff) means infinity (RFC 2131 §3.3). Written as the number of seconds.
 */
public record LeaseTime(long seconds) implements Comparable<LeaseTime> {

    public static final long INFINITE_SECONDS = 0xFFFF_FFFFL;
    public static final LeaseTime INFINITE = new LeaseTime(INFINITE_SECONDS);

    public LeaseTime {
        if (seconds < 1 || seconds > INFINITE_SECONDS) {
            throw new IllegalArgumentException("lease time must be 1.." + INFINITE_SECONDS + " seconds, got " + seconds);
        }
    }

    @JsonCreator
    public static LeaseTime ofSeconds(long seconds) {
        return new LeaseTime(seconds);
    }

    public boolean isInfinite() {
        return seconds == INFINITE_SECONDS;
    }

    public Duration toDuration() {
        return Duration.ofSeconds(seconds);
    }

    /** When a lease of this length granted at {@code from} ends; {@link Instant#MAX} if infinite. */
    public Instant after(Instant from) {
        return isInfinite() ? Instant.MAX : from.plusSeconds(seconds);
    }

    /**
     * The fraction of this time, rounded down, at least 1 second; infinite stays infinite
     * (RFC 2131 §4.4.5: T1 = 0.5 and T2 = 0.875 of the lease by default).
     */
    public LeaseTime fraction(int numerator, int denominator) {
        if (isInfinite()) {
            return INFINITE;
        }
        return new LeaseTime(Math.max(1, seconds * numerator / denominator));
    }

    public LeaseTime clamp(LeaseTime min, LeaseTime max) {
        return seconds < min.seconds ? min : seconds > max.seconds ? max : this;
    }

    @Override
    public int compareTo(LeaseTime other) {
        return Long.compare(seconds, other.seconds);
    }

    @JsonValue
    public long jsonValue() {
        return seconds;
    }

    @Override
    public String toString() {
        return isInfinite() ? "infinite" : seconds + "s";
    }
}
