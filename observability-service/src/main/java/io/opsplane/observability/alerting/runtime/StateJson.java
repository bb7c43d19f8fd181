package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.dispatch.DispatchState;
import io.opsplane.observability.alerting.escalation.EscalationPolicy;
import io.opsplane.observability.alerting.escalation.EscalationState;
import io.opsplane.observability.alerting.matcher.Matcher;
import io.opsplane.observability.alerting.matcher.MatcherParser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The alert manager's state as JSON text for its tables, and back. */
final class StateJson {

    private StateJson() {
    }

    static String labels(Map<String, String> labels) {
        return new JsonObject(new LinkedHashMap<>(labels)).encode();
    }

    static Map<String, String> labels(String json) {
        return toLabels(new JsonObject(json));
    }

    private static Map<String, String> toLabels(JsonObject object) {
        Map<String, String> labels = new LinkedHashMap<>();
        object.forEach(entry -> labels.put(entry.getKey(), String.valueOf(entry.getValue())));
        return labels;
    }

    static JsonObject alert(Alert alert) {
        JsonObject json = new JsonObject().put("labels", new JsonObject(new LinkedHashMap<>(alert.labels())))
                .put("annotations", new JsonObject(new LinkedHashMap<>(alert.annotations())))
                .put("startsAt", alert.startsAt().toString()).put("generatorURL", alert.generatorUrl());
        alert.endsAt().ifPresent(end -> json.put("endsAt", end.toString()));
        return json;
    }

    static Alert alert(JsonObject json) {
        return new Alert(toLabels(json.getJsonObject("labels")), toLabels(json.getJsonObject("annotations")),
                Instant.parse(json.getString("startsAt")),
                Optional.ofNullable(json.getString("endsAt")).map(Instant::parse), json.getString("generatorURL"));
    }

    /** The whole state as one document, as am_dispatch_state kept it (read once, at the first start after V145). */
    static DispatchState dispatchState(String text) {
        JsonObject json = new JsonObject(text);
        List<DispatchState.Group> groups = json.getJsonArray("groups").stream().map(JsonObject.class::cast)
                .map(StateJson::group).toList();
        List<DispatchState.LogEntry> log = json.getJsonArray("log").stream().map(JsonObject.class::cast)
                .map(entry -> new DispatchState.LogEntry(entry.getString("groupKey"), entry.getString("receiver"),
                        entry.getString("integration"), strings(entry.getJsonArray("firing")),
                        strings(entry.getJsonArray("resolved")), Instant.parse(entry.getString("sentAt"))))
                .toList();
        return new DispatchState(groups, log);
    }

    static String group(DispatchState.Group group) {
        return new JsonObject().put("routePath", group.routePath())
                .put("groupLabels", new JsonObject(new LinkedHashMap<>(group.groupLabels())))
                .put("alerts", new JsonArray(group.alerts().stream().map(StateJson::alert).toList()))
                .put("nextFlush", group.nextFlush().toString()).put("hasFlushed", group.hasFlushed())
                .put("awaitingDelivery", new JsonArray(List.copyOf(group.awaitingDelivery())))
                .put("resolvedAtFlush", new JsonArray(group.resolvedAtFlush().stream().map(StateJson::alert)
                        .toList())).encode();
    }

    static DispatchState.Group group(String text) {
        return group(new JsonObject(text));
    }

    private static DispatchState.Group group(JsonObject group) {
        return new DispatchState.Group(group.getString("routePath"), toLabels(group.getJsonObject("groupLabels")),
                alerts(group.getJsonArray("alerts")), Instant.parse(group.getString("nextFlush")),
                group.getBoolean("hasFlushed"), strings(group.getJsonArray("awaitingDelivery")),
                alerts(group.getJsonArray("resolvedAtFlush")));
    }

    static String fingerprints(Set<String> fingerprints) {
        return new JsonArray(fingerprints.stream().sorted().toList()).encode();
    }

    static Set<String> fingerprints(String text) {
        return strings(new JsonArray(text));
    }

    private static List<Alert> alerts(JsonArray array) {
        return array.stream().map(JsonObject.class::cast).map(StateJson::alert).toList();
    }

    private static Set<String> strings(JsonArray array) {
        Set<String> strings = new HashSet<>();
        array.forEach(item -> strings.add((String) item));
        return strings;
    }

    static String escalationStates(List<EscalationState> states) {
        JsonArray array = new JsonArray();
        for (EscalationState state : states) {
            JsonObject json = new JsonObject().put("groupKey", state.groupKey()).put("policy", state.policy())
                    .put("firingSince", state.firingSince().toString()).put("levelsNotified", state.levelsNotified());
            state.acknowledgedBy().ifPresent(by -> json.put("acknowledgedBy", by));
            state.acknowledgedAt().ifPresent(at -> json.put("acknowledgedAt", at.toString()));
            array.add(json);
        }
        return array.encode();
    }

    static List<EscalationState> escalationStates(String text) {
        return new JsonArray(text).stream().map(JsonObject.class::cast)
                .map(json -> new EscalationState(json.getString("groupKey"), json.getString("policy"),
                        Instant.parse(json.getString("firingSince")), json.getInteger("levelsNotified"),
                        Optional.ofNullable(json.getString("acknowledgedBy")),
                        Optional.ofNullable(json.getString("acknowledgedAt")).map(Instant::parse)))
                .toList();
    }

    static String matchers(List<Matcher> matchers) {
        return new JsonArray(matchers.stream().map(Matcher::toString).toList()).encode();
    }

    static List<Matcher> matchers(String text) {
        return new JsonArray(text).stream().map(item -> MatcherParser.parse((String) item)).toList();
    }

    static String policy(SelectedPolicy policy) {
        JsonArray levels = new JsonArray();
        for (EscalationPolicy.Level level : policy.policy().levels()) {
            levels.add(new JsonObject().put("delayMs", level.delay().toMillis())
                    .put("receivers", new JsonArray(level.receivers())));
        }
        return new JsonObject().put("matchers", new JsonArray(policy.matchers().stream().map(Matcher::toString)
                .toList())).put("levels", levels).encode();
    }

    static SelectedPolicy policy(String name, String text) {
        JsonObject json = new JsonObject(text);
        List<EscalationPolicy.Level> levels = json.getJsonArray("levels").stream().map(JsonObject.class::cast)
                .map(level -> new EscalationPolicy.Level(Duration.ofMillis(level.getLong("delayMs")),
                        level.getJsonArray("receivers").stream().map(String.class::cast).toList()))
                .toList();
        return new SelectedPolicy(new EscalationPolicy(name, levels),
                json.getJsonArray("matchers").stream().map(item -> MatcherParser.parse((String) item)).toList());
    }
}
