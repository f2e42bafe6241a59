package io.streamrec.schemas.settings;

import java.time.Duration;
import java.util.Locale;

/** Durations as people type them ({@code 250ms}, {@code 90s}, {@code 30m}, {@code 1h}, {@code 2d}) or ISO-8601. */
public final class Durations {
    private Durations() {
    }

    /** The duration {@code text} stands for; {@link IllegalArgumentException} when it is none. */
    public static Duration parse(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(v.toUpperCase(Locale.ROOT));
        }
        if (v.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.length() < 2) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }

    /** The shortest of the forms {@link #parse} reads that is exact: {@code 100ms}, {@code 30m}, {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (!d.equals(Duration.ofMillis(ms))) {
            return d.toString();
        }
        if (ms != 0 && ms % 86_400_000L == 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms != 0 && ms % 3_600_000L == 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms != 0 && ms % 60_000L == 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
