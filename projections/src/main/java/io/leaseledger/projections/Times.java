package io.leaseledger.projections;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to SQL {@code TIMESTAMP WITH TIME ZONE} (UTC) and back; "never" ({@link Instant#MAX}) is null. */
public final class Times {
    private Times() {}

    /** SQL timestamps keep microseconds; an instant is cut to them so a rebuild writes what it reads. */
    public static OffsetDateTime sql(Instant instant) {
        if (instant == null || instant.equals(Instant.MAX)) {
            return null;
        }
        Instant micros = instant.minusNanos(instant.getNano() % 1_000);
        return OffsetDateTime.ofInstant(micros, ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
