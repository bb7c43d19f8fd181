package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.protobuf.Timestamp;
import io.opsplane.proto.observability.v1.AlertView;
import io.opsplane.proto.observability.v1.ConfigVersion;
import io.opsplane.proto.observability.v1.EscalationPolicy;
import io.opsplane.proto.observability.v1.NotificationAttempt;
import io.opsplane.proto.observability.v1.NotificationPage;
import io.opsplane.proto.observability.v1.PostableAlert;
import io.opsplane.proto.observability.v1.Silence;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON bodies of the alert manager: Alertmanager's API v2 shapes for {@code /alertmanager/api/v2} (so
 * Prometheus, amtool and Grafana work unchanged) and Opsplane's own for {@code /api/v1}.
 */
public final class AlertViews {

    private AlertViews() {
    }

    // ------------------------------------------------------------------ Alertmanager API v2

    /** Alertmanager's postableAlert. */
    public record PostAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, String generatorURL) {

        PostableAlert toMessage(int index) {
            PostableAlert.Builder alert = PostableAlert.newBuilder();
            if (labels != null) {
                alert.putAllLabels(labels);
            }
            if (annotations != null) {
                alert.putAllAnnotations(annotations);
            }
            time("[" + index + "].startsAt", startsAt).ifPresent(alert::setStartsAt);
            time("[" + index + "].endsAt", endsAt).ifPresent(alert::setEndsAt);
            if (generatorURL != null) {
                alert.setGeneratorUrl(generatorURL);
            }
            return alert.build();
        }
    }

    public record Receiver(String name) {
    }

    public record AlertStatus(String state, List<String> silencedBy, List<String> inhibitedBy) {
    }

    /** Alertmanager's gettableAlert. */
    public record GettableAlert(Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, String updatedAt, String generatorURL, String fingerprint, List<Receiver> receivers,
            AlertStatus status) {

        static GettableAlert of(AlertView view) {
            String state = view.getState().equals("resolved") ? "unprocessed" : view.getState();
            return new GettableAlert(view.getLabelsMap(), view.getAnnotationsMap(), text(view.getStartsAt()),
                    text(view.getEndsAt()), text(view.getUpdatedAt()), view.getGeneratorUrl(), view.getFingerprint(),
                    view.getReceiversList().stream().map(Receiver::new).toList(),
                    new AlertStatus(state, view.getSilencedByList(),
                            view.getInhibited() ? List.of("inhibition") : List.of()));
        }
    }

    /** Alertmanager's matcher object. */
    public record MatcherBody(String name, String value, Boolean isRegex, Boolean isEqual) {

        String text(int index) {
            if (name == null || name.isEmpty() || value == null) {
                throw new IllegalArgumentException("matchers[" + index + "]: name and value are required");
            }
            boolean regex = Boolean.TRUE.equals(isRegex);
            boolean equal = isEqual == null || isEqual;
            String operator = regex ? (equal ? "=~" : "!~") : (equal ? "=" : "!=");
            return name + operator + "\"" + value.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"")
                    + "\"";
        }

        private static final Pattern TEXT = Pattern.compile("(?s)([^=!~]+)(=~|!~|!=|=)\"(.*)\"");

        static MatcherBody of(String text) {
            Matcher parts = TEXT.matcher(text);
            if (!parts.matches()) {
                return new MatcherBody(text, "", false, true);
            }
            String value = parts.group(3).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
            String operator = parts.group(2);
            return new MatcherBody(parts.group(1), value, operator.contains("~"), !operator.startsWith("!"));
        }
    }

    /** Alertmanager's postableSilence; with an id, it replaces that silence. */
    public record PostSilence(String id, List<MatcherBody> matchers, String startsAt, String endsAt,
            String createdBy, String comment) {
    }

    public record SilenceState(String state) {
    }

    /** Alertmanager's gettableSilence. */
    public record GettableSilence(String id, SilenceState status, String updatedAt, List<MatcherBody> matchers,
            String startsAt, String endsAt, String createdBy, String comment) {

        static GettableSilence of(Silence silence) {
            return new GettableSilence(silence.getId(), new SilenceState(silence.getState()),
                    text(silence.getUpdatedAt()), silence.getMatchersList().stream().map(MatcherBody::of).toList(),
                    text(silence.getStartsAt()), text(silence.getEndsAt()), silence.getCreatedBy(),
                    silence.getComment());
        }
    }

    public record SilenceCreated(String silenceID) {
    }

    // ------------------------------------------------------------------ Opsplane API v1

    public record ConfigView(long version, String yaml, String createdBy, String createdAt) {

        static ConfigView of(ConfigVersion config) {
            return new ConfigView(config.getVersion(), config.getYaml(), config.getCreatedBy(),
                    text(config.getCreatedAt()));
        }
    }

    public record Level(String delay, List<String> receivers) {
    }

    /** An escalation policy; delays as Go/Prometheus durations such as 5m or 1h30m. */
    public record Policy(String name, List<String> matchers, List<Level> levels) {

        static Policy of(EscalationPolicy policy) {
            return new Policy(policy.getName(), policy.getMatchersList(), policy.getLevelsList().stream()
                    .map(level -> new Level(duration(Duration.ofSeconds(level.getDelay().getSeconds(),
                            level.getDelay().getNanos())), level.getReceiversList())).toList());
        }

        EscalationPolicy toMessage(String pathName) {
            EscalationPolicy.Builder policy = EscalationPolicy.newBuilder().setName(pathName);
            if (matchers != null) {
                policy.addAllMatchers(matchers);
            }
            List<Level> given = levels == null ? List.of() : levels;
            for (int i = 0; i < given.size(); i++) {
                Level level = given.get(i);
                if (level == null || level.delay() == null) {
                    throw new IllegalArgumentException("levels[" + i + "].delay: required, such as 5m");
                }
                Duration delay = parseDuration("levels[" + i + "].delay", level.delay());
                policy.addLevels(EscalationPolicy.Level.newBuilder()
                        .setDelay(com.google.protobuf.Duration.newBuilder().setSeconds(delay.getSeconds())
                                .setNanos(delay.getNano()))
                        .addAllReceivers(level.receivers() == null ? List.of() : level.receivers()));
            }
            return policy.build();
        }
    }

    public record Acknowledged(String fingerprint, List<String> groupKeys, String acknowledgedBy,
            String acknowledgedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(long id, String groupKey, String receiver, String integration, String reason, int attempt,
            int alerts, String payloadDigest, String status, Integer httpStatus, long latencyMs, String error,
            String attemptedAt) {

        static Attempt of(NotificationAttempt a) {
            return new Attempt(a.getId(), a.getGroupKey(), a.getReceiver(), a.getIntegration(), a.getReason(),
                    a.getAttempt(), a.getAlerts(), a.getPayloadDigest(), a.getStatus(),
                    a.getHttpStatus() == 0 ? null : a.getHttpStatus(), a.getLatencyMs(),
                    a.getError().isEmpty() ? null : a.getError(), text(a.getAttemptedAt()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempts(List<Attempt> attempts, String nextCursor) {

        static Attempts of(NotificationPage page) {
            return new Attempts(page.getAttemptsList().stream().map(Attempt::of).toList(),
                    page.getNextCursor().isEmpty() ? null : page.getNextCursor());
        }
    }

    // ------------------------------------------------------------------ helpers

    static String text(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos()).toString();
    }

    static java.util.Optional<Timestamp> time(String field, String text) {
        if (text == null || text.isEmpty() || text.equals("0001-01-01T00:00:00Z")) {
            return java.util.Optional.empty();
        }
        try {
            Instant instant = java.time.OffsetDateTime.parse(text).toInstant();
            return java.util.Optional.of(Timestamp.newBuilder().setSeconds(instant.getEpochSecond())
                    .setNanos(instant.getNano()).build());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": not an RFC 3339 time: "
                    + io.opsplane.platform.text.PrintableText.of(text, 64));
        }
    }

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    static Duration parseDuration(String field, String text) {
        Matcher parts = DURATION.matcher(text);
        if (text.isEmpty() || !parts.matches()) {
            throw new IllegalArgumentException(field + ": a duration such as 30s, 5m or 1h30m expected");
        }
        Duration duration = Duration.ZERO;
        if (parts.group(1) != null) {
            duration = duration.plusHours(Long.parseLong(parts.group(1)));
        }
        if (parts.group(2) != null) {
            duration = duration.plusMinutes(Long.parseLong(parts.group(2)));
        }
        if (parts.group(3) != null) {
            duration = duration.plusSeconds(Long.parseLong(parts.group(3)));
        }
        return duration;
    }

    static String duration(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }

    static Instant now() {
        return Instant.now();
    }
}
