package io.opsplane.gateway.prometheus;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.opsplane.platform.text.PrintableText;

/**
 * The parameters of Prometheus's HTTP API as Prometheus reads them: times as RFC 3339 or Unix seconds
 * with a fraction, durations as seconds with a fraction or as {@code 1h30m}, {@code 500ms}, ... A bad
 * value is an {@link IllegalArgumentException} whose message is Prometheus's
 * ({@code invalid parameter "step": ...}).
 */
public final class PromParams {

    private static final Pattern DURATION = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {365L * 24 * 3600 * 1000, 7L * 24 * 3600 * 1000, 24L * 3600 * 1000,
        3600L * 1000, 60L * 1000, 1000L, 1L};
    private static final Pattern SECONDS = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?|[-+]?\\.\\d+");
    /** Times outside this range are not times a store holds (Prometheus's own min and max, rounded). */
    private static final long MAX_SECONDS = 9_000_000_000_000L;

    private PromParams() {
    }

    /** A time; null or empty: none. */
    public static Timestamp time(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant instant;
        if (SECONDS.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.abs().compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
                throw invalid(name, "cannot parse \"" + value + "\" to a valid timestamp");
            }
            long ms = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
            instant = Instant.ofEpochMilli(ms);
        } else {
            try {
                instant = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(name, "cannot parse \"" + PrintableText.of(value, 100) + "\" to a valid timestamp");
            }
        }
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** A duration (step, timeout); null or empty: none. Zero or negative is refused for a step by the store. */
    public static Duration duration(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        long ms;
        if (SECONDS.matcher(value).matches()) {
            BigDecimal seconds = new BigDecimal(value);
            if (seconds.abs().compareTo(BigDecimal.valueOf(MAX_SECONDS)) > 0) {
                throw invalid(name, "cannot parse \"" + value + "\" to a valid duration. It overflows int64");
            }
            ms = seconds.movePointRight(3).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } else {
            Matcher matcher = DURATION.matcher(value);
            if (value.length() > 64 || !matcher.matches()) {
                throw invalid(name, "cannot parse \"" + PrintableText.of(value, 100) + "\" to a valid duration");
            }
            ms = 0;
            try {
                for (int i = 0; i < UNIT_MS.length; i++) {
                    if (matcher.group(i + 1) != null) {
                        ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(matcher.group(i + 1)), UNIT_MS[i]));
                    }
                }
            } catch (ArithmeticException | NumberFormatException e) {
                throw invalid(name, "cannot parse \"" + value + "\" to a valid duration. It overflows int64");
            }
        }
        if (ms < 0) {
            throw invalid(name, "zero or negative durations are not accepted");
        }
        return Duration.newBuilder().setSeconds(Math.floorDiv(ms, 1000)).setNanos((int) Math.floorMod(ms, 1000) * 1_000_000)
                .build();
    }

    private static IllegalArgumentException invalid(String name, String why) {
        return new IllegalArgumentException("invalid parameter \"" + name + "\": " + why);
    }
}
