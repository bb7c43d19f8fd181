package io.opsplane.observability.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.observability.config.RulesConfig;
import io.opsplane.observability.repository.RuleRepository;
import io.opsplane.observability.rules.Alert;
import io.opsplane.observability.rules.AlertState;
import io.opsplane.observability.rules.AlertingRule;
import io.opsplane.observability.rules.RecordingRule;
import io.opsplane.observability.rules.Rule;
import io.opsplane.observability.rules.RuleFileException;
import io.opsplane.observability.rules.RuleFileParser;
import io.opsplane.observability.rules.RuleFileProblem;
import io.opsplane.observability.rules.RuleGroup;
import io.opsplane.observability.rules.runtime.RuleHealth;
import io.opsplane.observability.service.RuleEvaluation;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.text.PrintableText;
import io.opsplane.proto.observability.v1.DeleteRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.DeleteRuleNamespaceResponse;
import io.opsplane.proto.observability.v1.GetRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.ListRuleAlertsRequest;
import io.opsplane.proto.observability.v1.ListRuleAlertsResponse;
import io.opsplane.proto.observability.v1.ListRuleNamespacesRequest;
import io.opsplane.proto.observability.v1.ListRuleNamespacesResponse;
import io.opsplane.proto.observability.v1.ListRulesRequest;
import io.opsplane.proto.observability.v1.ListRulesResponse;
import io.opsplane.proto.observability.v1.PutRuleNamespaceRequest;
import io.opsplane.proto.observability.v1.RuleAlert;
import io.opsplane.proto.observability.v1.RuleGroupSpec;
import io.opsplane.proto.observability.v1.RuleGroupStatus;
import io.opsplane.proto.observability.v1.RuleNamespace;
import io.opsplane.proto.observability.v1.RuleSpec;
import io.opsplane.proto.observability.v1.RuleStatus;
import io.opsplane.proto.observability.v1.RulesService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * gRPC adapter of rule files: a put is parsed and checked whole (every problem named with line, column, group and
 * rule) before anything is stored; reads come from the database, so every instance answers the same whichever
 * evaluates the groups.
 */
@GrpcService
public class RulesGrpcService implements RulesService {

    static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,254}");
    /** The most problems named in one answer; the rest are counted. */
    static final int MAX_PROBLEMS_SHOWN = 20;
    /** The message travels, percent-encoded, in a gRPC trailer (8 KiB by default), so it stays well below. */
    static final int MAX_MESSAGE_CHARACTERS = 6000;
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    @Inject
    RuleEvaluation evaluation;

    @Inject
    RulesConfig config;

    @Override
    public Uni<RuleNamespace> putRuleNamespace(PutRuleNamespaceRequest request) {
        String by = Callers.current().subject();
        return blocking(() -> {
            String namespace = namespace(request.getNamespace());
            List<RuleGroup> groups = parse(namespace, request.getYaml());
            List<RuleGroupSpec> specs = groups.stream().map(RulesGrpcService::spec).toList();
            RuleRepository.StoredNamespace stored = repository().put(namespace, request.getYaml(), groupsJson(specs),
                    groups.size(), groups.stream().mapToInt(g -> g.rules().size()).sum(), by);
            evaluation.syncSoon();
            return message(stored, specs, false);
        });
    }

    @Override
    public Uni<RuleNamespace> getRuleNamespace(GetRuleNamespaceRequest request) {
        return blocking(() -> {
            String namespace = namespace(request.getNamespace());
            RuleRepository.StoredNamespace stored = repository().get(namespace);
            if (stored == null) {
                throw DomainException.notFound("no rule namespace " + namespace);
            }
            return message(stored, specs(stored.groupsJson()), true);
        });
    }

    @Override
    public Uni<ListRuleNamespacesResponse> listRuleNamespaces(ListRuleNamespacesRequest request) {
        return blocking(() -> {
            ListRuleNamespacesResponse.Builder response = ListRuleNamespacesResponse.newBuilder();
            repository().list().forEach(stored -> response.addNamespaces(message(stored, specs(stored.groupsJson()), false)));
            return response.build();
        });
    }

    @Override
    public Uni<DeleteRuleNamespaceResponse> deleteRuleNamespace(DeleteRuleNamespaceRequest request) {
        String by = Callers.current().subject();
        return blocking(() -> {
            String namespace = namespace(request.getNamespace());
            long version = repository().delete(namespace, by);
            if (version < 0) {
                throw DomainException.notFound("no rule namespace " + namespace);
            }
            evaluation.syncSoon();
            return DeleteRuleNamespaceResponse.newBuilder().setVersion(version).build();
        });
    }

    @Override
    public Uni<ListRulesResponse> listRules(ListRulesRequest request) {
        return blocking(() -> {
            String type = request.getType();
            if (!type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
                throw DomainException.invalid("type must be \"alert\" or \"record\", not \"" + PrintableText.of(type, 64)
                        + "\"");
            }
            String only = request.getNamespace().isEmpty() ? "" : namespace(request.getNamespace());
            RuleRepository repository = repository();
            Map<String, RuleRepository.StoredStatus> statuses = repository.statuses();
            Map<String, List<RuleRepository.StoredAlert>> alertsByRule = new HashMap<>();
            repository.alerts(only).forEach(stored -> alertsByRule.computeIfAbsent(
                    stored.namespace() + "\u0000" + stored.group() + "\u0000" + stored.ruleKey(), k -> new ArrayList<>())
                    .add(stored));
            ListRulesResponse.Builder response = ListRulesResponse.newBuilder();
            for (RuleRepository.StoredNamespace stored : repository.list()) {
                if (!only.isEmpty() && !only.equals(stored.name())) {
                    continue;
                }
                for (RuleGroupSpec group : specs(stored.groupsJson())) {
                    response.addGroups(groupStatus(stored, group, statuses.get(stored.name() + "/" + group.getName()),
                            alertsByRule, type));
                }
            }
            return response.build();
        });
    }

    @Override
    public Uni<ListRuleAlertsResponse> listRuleAlerts(ListRuleAlertsRequest request) {
        return blocking(() -> {
            ListRuleAlertsResponse.Builder response = ListRuleAlertsResponse.newBuilder();
            repository().alerts(null).stream().filter(stored -> stored.alert().state() != AlertState.INACTIVE)
                    .forEach(stored -> response.addAlerts(alert(stored)));
            return response.build();
        });
    }

    // ------------------------------------------------------------------ the parts

    private RuleRepository repository() {
        return evaluation.repository();
    }

    static String namespace(String name) {
        if (!NAMESPACE.matcher(name).matches()) {
            throw DomainException.invalid("namespace \"" + PrintableText.of(name, 64) + "\" must be 1 to 255 letters, "
                    + "digits, '_', '-' or '.', not starting with '.'");
        }
        return name;
    }

    /** The file's groups, or INVALID_ARGUMENT naming its problems (the first {@link #MAX_PROBLEMS_SHOWN}). */
    static List<RuleGroup> parse(String namespace, String yaml) {
        try {
            return RuleFileParser.parse(namespace, yaml);
        } catch (RuleFileException e) {
            List<RuleFileProblem> problems = e.problems();
            StringBuilder message = new StringBuilder("the rule file of namespace " + namespace + " is not valid:");
            int shown = 0;
            int size = encodedSize(message);
            for (RuleFileProblem problem : problems) {
                String line = PrintableText.of(problem.toString(), 1000);
                int lineSize = encodedSize(line) + 3;
                if (shown == MAX_PROBLEMS_SHOWN || size + lineSize > MAX_MESSAGE_CHARACTERS) {
                    break;
                }
                message.append('\n').append(line);
                size += lineSize;
                shown++;
            }
            if (problems.size() > shown) {
                message.append("\n(and ").append(problems.size() - shown).append(" more problems)");
            }
            throw DomainException.invalid(message.toString());
        }
    }

    /** The size of text in a gRPC status message, where anything but printable ASCII is percent-encoded per byte. */
    static int encodedSize(CharSequence text) {
        int size = 0;
        for (byte b : text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            size += (b >= 0x20 && b < 0x7f && b != '%') ? 1 : 3;
        }
        return size;
    }

    static RuleGroupSpec spec(RuleGroup group) {
        RuleGroupSpec.Builder spec = RuleGroupSpec.newBuilder().setName(group.name()).setLimit(Math.max(0, group.limit()));
        if (group.interval() != null) {
            spec.setInterval(duration(group.interval()));
        }
        for (Rule rule : group.rules()) {
            RuleSpec.Builder ruleSpec = RuleSpec.newBuilder().setName(rule.name()).setExpr(rule.expr().query())
                    .setQuery(rule.expr().printed()).putAllLabels(rule.labels());
            if (rule instanceof AlertingRule alerting) {
                ruleSpec.setType("alerting").setFor(duration(alerting.holdDuration()))
                        .setKeepFiringFor(duration(alerting.keepFiringFor())).putAllAnnotations(alerting.annotations());
            } else if (rule instanceof RecordingRule) {
                ruleSpec.setType("recording");
            }
            spec.addRules(ruleSpec);
        }
        return spec.build();
    }

    private static String groupsJson(List<RuleGroupSpec> specs) {
        try {
            StringBuilder json = new StringBuilder("[");
            for (RuleGroupSpec spec : specs) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append(JSON.print(spec));
            }
            return json.append(']').toString();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<RuleGroupSpec> specs(String groupsJson) {
        List<RuleGroupSpec> specs = new ArrayList<>();
        for (Object group : new io.vertx.core.json.JsonArray(groupsJson)) {
            RuleGroupSpec.Builder spec = RuleGroupSpec.newBuilder();
            try {
                JsonFormat.parser().merge(((io.vertx.core.json.JsonObject) group).encode(), spec);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("a stored rule group does not read back", e);
            }
            specs.add(spec.build());
        }
        return specs;
    }

    private static RuleNamespace message(RuleRepository.StoredNamespace stored, List<RuleGroupSpec> specs,
            boolean withYaml) {
        RuleNamespace.Builder message = RuleNamespace.newBuilder().setNamespace(stored.name())
                .setVersion(stored.version()).addAllGroups(specs).setUpdatedAt(Timestamps.of(stored.updatedAt()))
                .setUpdatedBy(stored.updatedBy());
        if (withYaml) {
            message.setYaml(stored.yaml());
        }
        return message.build();
    }

    private RuleGroupStatus groupStatus(RuleRepository.StoredNamespace namespace, RuleGroupSpec group,
            RuleRepository.StoredStatus status, Map<String, List<RuleRepository.StoredAlert>> alertsByRule, String type) {
        boolean current = status != null && status.version() == namespace.version()
                && status.rules().size() == group.getRulesCount();
        RuleGroupStatus.Builder out = RuleGroupStatus.newBuilder().setNamespace(namespace.name()).setName(group.getName())
                .setInterval(group.hasInterval() ? group.getInterval() : duration(config.defaultInterval()))
                .setLimit(group.getLimit());
        if (current) {
            out.setLastEvaluation(Timestamps.of(status.lastEvaluation())).setEvaluationTime(duration(status.evaluationTime()))
                    .setEvaluator(status.evaluator());
        }
        Map<String, Integer> repeats = new HashMap<>();
        for (int i = 0; i < group.getRulesCount(); i++) {
            RuleSpec rule = group.getRules(i);
            String key = rule.getName() + new TreeMap<>(rule.getLabelsMap());
            int repeat = repeats.merge(key, 1, Integer::sum) - 1;
            String ruleKey = repeat == 0 ? key : key + "#" + repeat;
            boolean alerting = rule.getType().equals("alerting");
            if ((type.equals("alert") && !alerting) || (type.equals("record") && alerting)) {
                continue;
            }
            RuleHealth health = current ? status.rules().get(i) : RuleHealth.unknown();
            RuleStatus.Builder ruleStatus = RuleStatus.newBuilder().setRule(rule).setHealth(health.health())
                    .setLastError(health.lastError()).setEvaluationTime(duration(health.evaluationTime()));
            if (health.lastEvaluation() != null) {
                ruleStatus.setLastEvaluation(Timestamps.of(health.lastEvaluation()));
            }
            if (alerting) {
                AlertState state = AlertState.INACTIVE;
                for (RuleRepository.StoredAlert stored : alertsByRule.getOrDefault(
                        namespace.name() + "\u0000" + group.getName() + "\u0000" + ruleKey, List.of())) {
                    if (stored.alert().state() == AlertState.INACTIVE) {
                        continue;
                    }
                    if (stored.alert().state().ordinal() > state.ordinal()) {
                        state = stored.alert().state();
                    }
                    ruleStatus.addAlerts(alert(stored));
                }
                ruleStatus.setState(state.spelling());
            }
            out.addRules(ruleStatus);
        }
        return out.build();
    }

    private static RuleAlert alert(RuleRepository.StoredAlert stored) {
        Alert alert = stored.alert();
        RuleAlert.Builder out = RuleAlert.newBuilder().putAllLabels(alert.labels()).putAllAnnotations(alert.annotations())
                .setState(alert.state().spelling()).setActiveAt(Timestamps.of(alert.activeAt())).setValue(alert.value())
                .setNamespace(stored.namespace()).setGroup(stored.group());
        if (alert.firedAt() != null && alert.state() == AlertState.FIRING) {
            out.setFiredAt(Timestamps.of(alert.firedAt()));
        }
        if (alert.keepFiringSince() != null) {
            out.setKeepFiringSince(Timestamps.of(alert.keepFiringSince()));
        }
        return out.build();
    }

    private static com.google.protobuf.Duration duration(Duration duration) {
        return com.google.protobuf.Duration.newBuilder().setSeconds(duration.getSeconds()).setNanos(duration.getNano())
                .build();
    }

    private static <T> Uni<T> blocking(Supplier<T> call) {
        return Uni.createFrom().item(call).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(GrpcErrors::toStatus);
    }
}
