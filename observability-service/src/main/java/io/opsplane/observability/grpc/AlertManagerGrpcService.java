package io.opsplane.observability.grpc;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.escalation.EscalationPolicy.Level;
import io.opsplane.observability.alerting.matcher.Matcher;
import io.opsplane.observability.alerting.matcher.MatcherParser;
import io.opsplane.observability.alerting.matcher.Matchers;
import io.opsplane.observability.alerting.runtime.AlertManagerRuntime;
import io.opsplane.observability.alerting.runtime.AlertManagerRuntime.AlertStatus;
import io.opsplane.observability.alerting.runtime.AlertManagerRuntime.SilenceStatus;
import io.opsplane.observability.alerting.runtime.ReceivedAlerts;
import io.opsplane.observability.alerting.runtime.SelectedPolicy;
import io.opsplane.observability.alerting.store.AlertManagerStore;
import io.opsplane.observability.alerting.store.NotificationRow;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.observability.v1.AcknowledgeAlertRequest;
import io.opsplane.proto.observability.v1.AcknowledgeAlertResponse;
import io.opsplane.proto.observability.v1.AlertList;
import io.opsplane.proto.observability.v1.AlertManagerService;
import io.opsplane.proto.observability.v1.AlertView;
import io.opsplane.proto.observability.v1.ConfigVersion;
import io.opsplane.proto.observability.v1.CreateSilenceRequest;
import io.opsplane.proto.observability.v1.DeleteEscalationPolicyRequest;
import io.opsplane.proto.observability.v1.DeleteEscalationPolicyResponse;
import io.opsplane.proto.observability.v1.EscalationPolicy;
import io.opsplane.proto.observability.v1.EscalationPolicyList;
import io.opsplane.proto.observability.v1.ExpireSilenceRequest;
import io.opsplane.proto.observability.v1.GetConfigRequest;
import io.opsplane.proto.observability.v1.GetEscalationPolicyRequest;
import io.opsplane.proto.observability.v1.GetSilenceRequest;
import io.opsplane.proto.observability.v1.ListAlertsRequest;
import io.opsplane.proto.observability.v1.ListEscalationPoliciesRequest;
import io.opsplane.proto.observability.v1.ListNotificationsRequest;
import io.opsplane.proto.observability.v1.ListSilencesRequest;
import io.opsplane.proto.observability.v1.NotificationAttempt;
import io.opsplane.proto.observability.v1.NotificationPage;
import io.opsplane.proto.observability.v1.PostAlertsRequest;
import io.opsplane.proto.observability.v1.PostAlertsResponse;
import io.opsplane.proto.observability.v1.PostableAlert;
import io.opsplane.proto.observability.v1.PutConfigRequest;
import io.opsplane.proto.observability.v1.Silence;
import io.opsplane.proto.observability.v1.SilenceList;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * gRPC adapter of the alert manager: request messages to runtime calls (on a worker thread: they wait for the
 * database), answers to messages, failures to statuses.
 */
@GrpcService
public class AlertManagerGrpcService implements AlertManagerService {

    static final int MAX_ALERTS_PER_POST = 1000;
    static final int MAX_LABELS = 100;
    static final int MAX_LABEL_VALUE = 16 * 1024;
    static final int MAX_ANNOTATION_VALUE = 64 * 1024;
    static final int MAX_CONFIG = 1024 * 1024;
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Inject
    AlertManagerRuntime runtime;

    @Inject
    ReceivedAlerts intake;

    @Inject
    AlertManagerStore store;

    @Inject
    Clock clock;

    @Override
    public Uni<ConfigVersion> getConfig(GetConfigRequest request) {
        return call(() -> config(runtime.config()));
    }

    @Override
    public Uni<ConfigVersion> putConfig(PutConfigRequest request) {
        String subject = Callers.current().subject();
        Callers.note("alert manager configuration");
        return call(() -> {
            if (request.getYaml().length() > MAX_CONFIG) {
                throw DomainException.invalid("yaml: longer than " + MAX_CONFIG + " characters");
            }
            return config(runtime.putConfig(request.getYaml(), subject));
        });
    }

    private static ConfigVersion config(AlertManagerRuntime.ConfigVersion version) {
        return ConfigVersion.newBuilder().setVersion(version.version()).setYaml(version.yaml())
                .setCreatedBy(version.createdBy()).setCreatedAt(Timestamps.of(version.createdAt())).build();
    }

    @Override
    public Uni<PostAlertsResponse> postAlerts(PostAlertsRequest request) {
        return call(() -> {
            Instant now = clock.instant();
            List<Alert> alerts = alerts(request.getAlertsList(), now);
            intake.accept(alerts, now);
            return PostAlertsResponse.newBuilder().setAccepted(alerts.size()).build();
        });
    }

    /** Alertmanager's validation of posted alerts; one bad alert refuses the whole post. */
    static List<Alert> alerts(List<PostableAlert> posted, Instant now) {
        if (posted.size() > MAX_ALERTS_PER_POST) {
            throw DomainException.invalid("alerts: more than " + MAX_ALERTS_PER_POST + " in one post");
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < posted.size(); i++) {
            PostableAlert alert = posted.get(i);
            String at = "alerts[" + i + "]";
            if (alert.getLabelsCount() == 0) {
                throw DomainException.invalid(at + ".labels: at least one label pair required");
            }
            if (alert.getLabelsCount() + alert.getAnnotationsCount() > MAX_LABELS) {
                throw DomainException.invalid(at + ": more than " + MAX_LABELS + " labels and annotations");
            }
            check(at + ".labels", alert.getLabelsMap(), MAX_LABEL_VALUE, true);
            check(at + ".annotations", alert.getAnnotationsMap(), MAX_ANNOTATION_VALUE, false);
            if (alert.getGeneratorUrl().length() > MAX_LABEL_VALUE) {
                throw DomainException.invalid(at + ".generatorURL: longer than " + MAX_LABEL_VALUE);
            }
            Optional<Instant> endsAt = alert.hasEndsAt() ? Optional.of(Timestamps.toInstant(alert.getEndsAt()))
                    : Optional.empty();
            // As Alertmanager: no start means now, or the end when the alert ended before now.
            Instant startsAt = alert.hasStartsAt() ? Timestamps.toInstant(alert.getStartsAt())
                    : endsAt.filter(end -> end.isBefore(now)).orElse(now);
            if (endsAt.isPresent() && endsAt.get().isBefore(startsAt)) {
                throw DomainException.invalid(at + ": start time must be before end time");
            }
            alerts.add(new Alert(alert.getLabelsMap(), alert.getAnnotationsMap(), startsAt, endsAt,
                    alert.getGeneratorUrl()));
        }
        return alerts;
    }

    private static void check(String at, Map<String, String> pairs, int maxValue, boolean labels) {
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            if (!LABEL_NAME.matcher(pair.getKey()).matches()) {
                throw DomainException.invalid(at + ": invalid name \""
                        + io.opsplane.platform.text.PrintableText.of(pair.getKey(), 100) + "\"");
            }
            if (pair.getValue().length() > maxValue) {
                throw DomainException.invalid(at + "." + pair.getKey() + ": longer than " + maxValue + " characters");
            }
            if (labels && pair.getValue().isEmpty()) {
                throw DomainException.invalid(at + "." + pair.getKey() + ": empty label value");
            }
            if (pair.getValue().indexOf('\0') >= 0) {
                throw DomainException.invalid(at + "." + pair.getKey() + ": contains NUL");
            }
        }
    }

    @Override
    public Uni<AlertList> listAlerts(ListAlertsRequest request) {
        return call(() -> {
            Matchers filter = new Matchers(matchers("filter", request.getFilterList()));
            AlertList.Builder list = AlertList.newBuilder();
            for (AlertStatus status : runtime.alerts()) {
                boolean silenced = !status.silencedBy().isEmpty();
                boolean keep = switch (status.state()) {
                    case "resolved" -> request.getIncludeResolved();
                    case "active" -> !request.getExcludeActive();
                    default -> !(silenced && request.getExcludeSilenced())
                            && !(status.inhibited() && request.getExcludeInhibited());
                };
                if (keep && filter.matches(status.alert().labels())) {
                    list.addAlerts(view(status));
                }
            }
            return list.build();
        });
    }

    private static AlertView view(AlertStatus status) {
        Alert alert = status.alert();
        AlertView.Builder view = AlertView.newBuilder().setFingerprint(alert.fingerprint())
                .putAllLabels(alert.labels()).putAllAnnotations(alert.annotations())
                .setStartsAt(Timestamps.of(alert.startsAt())).setUpdatedAt(Timestamps.of(status.updatedAt()))
                .setGeneratorUrl(alert.generatorUrl()).setState(status.state()).addAllSilencedBy(status.silencedBy())
                .setInhibited(status.inhibited()).addAllReceivers(status.receivers());
        alert.endsAt().ifPresent(end -> view.setEndsAt(Timestamps.of(end)));
        status.acknowledgedBy().ifPresent(view::setAcknowledgedBy);
        return view.build();
    }

    private static List<Matcher> matchers(String field, List<String> texts) {
        List<Matcher> matchers = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                matchers.add(MatcherParser.parse(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(field + "[" + i + "]: " + e.getMessage());
            }
        }
        return matchers;
    }

    @Override
    public Uni<Silence> createSilence(CreateSilenceRequest request) {
        String subject = Callers.current().subject();
        Callers.note("silence " + request.getMatchersList());
        return call(() -> {
            List<Matcher> matchers = matchers("matchers", request.getMatchersList());
            if (!request.hasEndsAt()) {
                throw DomainException.invalid("endsAt: required");
            }
            if (request.getComment().length() > MAX_LABEL_VALUE || request.getCreatedBy().length() > 255) {
                throw DomainException.invalid("comment or createdBy: too long");
            }
            Optional<String> replaces = request.getId().isEmpty() ? Optional.empty() : Optional.of(id(request.getId()));
            String createdBy = request.getCreatedBy().isBlank() ? subject : request.getCreatedBy();
            return silence(runtime.createSilence(matchers,
                    request.hasStartsAt() ? Optional.of(Timestamps.toInstant(request.getStartsAt())) : Optional.empty(),
                    Timestamps.toInstant(request.getEndsAt()), createdBy, request.getComment(), replaces));
        });
    }

    private static String id(String id) {
        if (!ID.matcher(id).matches()) {
            throw DomainException.invalid("id: not a silence id");
        }
        return id;
    }

    @Override
    public Uni<SilenceList> listSilences(ListSilencesRequest request) {
        return call(() -> {
            Set<String> wanted = new HashSet<>();
            matchers("filter", request.getFilterList()).forEach(matcher -> wanted.add(matcher.toString()));
            SilenceList.Builder list = SilenceList.newBuilder();
            for (SilenceStatus status : runtime.silences()) {
                Set<String> own = new HashSet<>();
                status.silence().matchers().forEach(matcher -> own.add(matcher.toString()));
                if (own.containsAll(wanted)) {
                    list.addSilences(silence(status));
                }
            }
            return list.build();
        });
    }

    @Override
    public Uni<Silence> getSilence(GetSilenceRequest request) {
        return call(() -> silence(runtime.silence(id(request.getId()))));
    }

    @Override
    public Uni<Silence> expireSilence(ExpireSilenceRequest request) {
        Callers.note("expire silence " + request.getId());
        return call(() -> {
            return silence(runtime.expireSilence(id(request.getId())));
        });
    }

    private static Silence silence(SilenceStatus status) {
        var silence = status.silence();
        return Silence.newBuilder().setId(silence.id())
                .addAllMatchers(silence.matchers().stream().map(Matcher::toString).toList())
                .setStartsAt(Timestamps.of(silence.startsAt())).setEndsAt(Timestamps.of(silence.endsAt()))
                .setCreatedBy(silence.createdBy()).setComment(silence.comment())
                .setState(status.state().name().toLowerCase(java.util.Locale.ROOT))
                .setUpdatedAt(Timestamps.of(status.updatedAt())).build();
    }

    @Override
    public Uni<AcknowledgeAlertResponse> acknowledgeAlert(AcknowledgeAlertRequest request) {
        String subject = Callers.current().subject();
        Callers.note("acknowledge alert " + request.getFingerprint());
        return call(() -> {
            if (!request.getFingerprint().matches("[0-9a-f]{16}")) {
                throw DomainException.invalid("fingerprint: 16 lowercase hexadecimal digits expected");
            }
            var ack = runtime.acknowledge(request.getFingerprint(), subject);
            return AcknowledgeAlertResponse.newBuilder().setFingerprint(ack.fingerprint())
                    .addAllGroupKeys(ack.groupKeys()).setAcknowledgedBy(ack.by())
                    .setAcknowledgedAt(Timestamps.of(ack.at())).build();
        });
    }

    @Override
    public Uni<EscalationPolicy> putEscalationPolicy(EscalationPolicy request) {
        Callers.note("escalation policy " + request.getName());
        return call(() -> {
            if (!request.getName().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
                throw DomainException.invalid("name: letters, digits, '.', '_' and '-', at most 128");
            }
            List<Level> levels = new ArrayList<>();
            for (int i = 0; i < request.getLevelsCount(); i++) {
                var level = request.getLevels(i);
                Duration delay = Duration.ofSeconds(level.getDelay().getSeconds(), level.getDelay().getNanos());
                levels.add(new Level(delay, level.getReceiversList()));
            }
            SelectedPolicy policy = new SelectedPolicy(
                    new io.opsplane.observability.alerting.escalation.EscalationPolicy(request.getName(), levels),
                    matchers("matchers", request.getMatchersList()));
            return policy(runtime.putPolicy(policy));
        });
    }

    @Override
    public Uni<EscalationPolicy> getEscalationPolicy(GetEscalationPolicyRequest request) {
        return call(() -> policy(runtime.policy(request.getName())));
    }

    @Override
    public Uni<EscalationPolicyList> listEscalationPolicies(ListEscalationPoliciesRequest request) {
        return call(() -> EscalationPolicyList.newBuilder()
                .addAllPolicies(runtime.policies().stream().map(AlertManagerGrpcService::policy).toList()).build());
    }

    @Override
    public Uni<DeleteEscalationPolicyResponse> deleteEscalationPolicy(DeleteEscalationPolicyRequest request) {
        Callers.note("delete escalation policy " + request.getName());
        return call(() -> {
            runtime.deletePolicy(request.getName());
            return DeleteEscalationPolicyResponse.getDefaultInstance();
        });
    }

    private static EscalationPolicy policy(SelectedPolicy selected) {
        EscalationPolicy.Builder policy = EscalationPolicy.newBuilder().setName(selected.policy().name())
                .addAllMatchers(selected.matchers().stream().map(Matcher::toString).toList());
        for (Level level : selected.policy().levels()) {
            policy.addLevels(EscalationPolicy.Level.newBuilder()
                    .setDelay(com.google.protobuf.Duration.newBuilder().setSeconds(level.delay().getSeconds())
                            .setNanos(level.delay().getNano()))
                    .addAllReceivers(level.receivers()));
        }
        return policy.build();
    }

    @Override
    public Uni<NotificationPage> listNotifications(ListNotificationsRequest request) {
        return call(() -> {
            int limit = request.getLimit() == 0 ? 100 : request.getLimit();
            if (limit < 1 || limit > 1000) {
                throw DomainException.invalid("limit: between 1 and 1000");
            }
            if (!request.getStatus().isEmpty() && !request.getStatus().equals(NotificationRow.SENT)
                    && !request.getStatus().equals(NotificationRow.FAILED)) {
                throw DomainException.invalid("status: sent or failed");
            }
            Long before = null;
            if (!request.getCursor().isEmpty()) {
                try {
                    before = Long.parseLong(request.getCursor());
                } catch (NumberFormatException e) {
                    throw DomainException.invalid("cursor: not a cursor of this list");
                }
            }
            List<NotificationRow> rows = store.notifications(request.getReceiver(), request.getGroupKey(),
                    request.getStatus(), request.hasFrom() ? Timestamps.toInstant(request.getFrom()) : null,
                    request.hasTo() ? Timestamps.toInstant(request.getTo()) : null, before, limit + 1);
            NotificationPage.Builder page = NotificationPage.newBuilder();
            rows.stream().limit(limit).forEach(row -> page.addAttempts(attempt(row)));
            if (rows.size() > limit) {
                page.setNextCursor(String.valueOf(rows.get(limit - 1).id));
            }
            return page.build();
        });
    }

    private static NotificationAttempt attempt(NotificationRow row) {
        return NotificationAttempt.newBuilder().setId(row.id).setGroupKey(row.groupKey).setReceiver(row.receiver)
                .setIntegration(row.integration).setReason(row.reason).setAttempt(row.attempt).setAlerts(row.alerts)
                .setPayloadDigest(row.payloadDigest).setStatus(row.status)
                .setHttpStatus(row.httpStatus == null ? 0 : row.httpStatus).setLatencyMs(row.latencyMs)
                .setError(row.error == null ? "" : row.error).setAttemptedAt(Timestamps.of(row.attemptedAt)).build();
    }

    private static <T> Uni<T> call(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(GrpcErrors::toStatus);
    }
}
