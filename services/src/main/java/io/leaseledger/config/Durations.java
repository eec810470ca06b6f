package io.leaseledger.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them: {@code 600} (seconds), {@code 200ms}, {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 1d}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[smhd])");

    private Durations() {}

    public static Duration parse(String text) {
        if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = PART.matcher(text);
        int end = 0;
        Duration total = Duration.ZERO;
        while (m.lookingAt()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
            m.region(end, text.length());
        }
        if (end == 0 || end != text.length()) {
            throw new IllegalArgumentException("write seconds, or a number with s, m, h or d, e.g. 10m or 1h30m");
        }
        return total;
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        if (s % 86400 == 0 && s != 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0 && s != 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0 && s != 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
