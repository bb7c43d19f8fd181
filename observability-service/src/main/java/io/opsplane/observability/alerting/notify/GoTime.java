package io.opsplane.observability.alerting.notify;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Times as Go's JSON encoding writes them (RFC 3339 with the fraction's trailing zeros dropped), in UTC. */
final class GoTime {

    /** Go's zero time, which Alertmanager sends as the end of an alert that has not resolved. */
    static final String ZERO = "0001-01-01T00:00:00Z";

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private GoTime() {
    }

    static String format(Instant instant) {
        String fraction = "";
        if (instant.getNano() != 0) {
            fraction = "." + String.format("%09d", instant.getNano()).replaceAll("0+$", "");
        }
        return SECONDS.format(instant) + fraction + "Z";
    }

    static String formatOrZero(Optional<Instant> instant) {
        return instant.map(GoTime::format).orElse(ZERO);
    }
}
