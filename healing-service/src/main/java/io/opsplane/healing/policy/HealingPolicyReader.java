package io.opsplane.healing.policy;

import io.opsplane.platform.yaml.SafeYamlReader;
import io.opsplane.platform.yaml.YamlException;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a policy file ({@code policies:} followed by a list) and checks it whole: every error names the line, column
 * and path of the value at fault, and a set of policies that would trigger each other in a loop is refused.
 */
public final class HealingPolicyReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    private static final int MAX_RETRIES = 10;

    private HealingPolicyReader() {
    }

    /** @throws YamlException for the first problem found */
    public static List<HealingPolicy> read(String yaml) {
        YamlMapping root = SafeYamlReader.read(yaml).asMapping();
        root.refuseUnknownKeys(Set.of("policies"));
        List<YamlNode> nodes = root.required("policies").asSequence().items();
        List<HealingPolicy> policies = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (YamlNode node : nodes) {
            HealingPolicy policy = policy(node.asMapping());
            if (!names.add(policy.name())) {
                throw node.asMapping().required("name").error("another policy is already named '" + policy.name() + "'");
            }
            policies.add(policy);
        }
        PolicyCycles.find(policies).ifPresent(cycle -> {
            HealingPolicy first = cycle.get(0);
            throw nodes.get(policies.indexOf(first)).error("these policies would trigger each other without end: "
                    + cycle.stream().map(HealingPolicy::name).collect(Collectors.joining(" → ")));
        });
        return List.copyOf(policies);
    }

    private static HealingPolicy policy(YamlMapping node) {
        node.refuseUnknownKeys(Set.of("name", "priority", "enabled", "cooldown", "rate_limit", "triggers",
                "conditions", "actions"));
        YamlNode nameNode = node.required("name");
        String name = nameNode.asString();
        if (!NAME.matcher(name).matches()) {
            throw nameNode.error("a policy name is 1 to 63 lower-case letters, digits, '-' or '_', found '" + name + "'");
        }
        int priority = node.optional("priority").map(YamlNode::asInt).orElse(0);
        Duration cooldown = node.optional("cooldown").map(YamlNode::asDuration).orElse(Duration.ZERO);
        Optional<RateLimit> rateLimit = node.optionalMapping("rate_limit").map(HealingPolicyReader::rateLimit);
        List<Trigger> triggers = nonEmpty(node, "triggers").stream().map(HealingPolicyReader::trigger).toList();
        Conditions conditions = node.optionalMapping("conditions").map(ConditionsReader::conditions)
                .orElse(Conditions.NONE);
        List<Action> actions = nonEmpty(node, "actions").stream()
                .map(action -> action(action.asMapping(), triggers)).toList();
        return new HealingPolicy(name, priority, node.bool("enabled", true), cooldown, rateLimit, triggers, conditions,
                actions, node.location());
    }

    private static List<YamlNode> nonEmpty(YamlMapping node, String key) {
        List<YamlNode> items = node.required(key).asSequence().items();
        if (items.isEmpty()) {
            throw node.required(key).error("at least one entry is required");
        }
        return items;
    }

    private static RateLimit rateLimit(YamlMapping node) {
        node.refuseUnknownKeys(Set.of("max", "period"));
        YamlNode max = node.required("max");
        if (max.asInt() < 1) {
            throw max.error("the most runs per period is at least 1");
        }
        return new RateLimit(max.asInt(), positive(node.required("period")));
    }

    private static Trigger trigger(YamlNode node) {
        YamlMapping mapping = node.asMapping();
        mapping.refuseUnknownKeys(Set.of("alert", "event", "filters"));
        if (mapping.has("alert") == mapping.has("event")) {
            throw node.error("a trigger has either 'alert' (a list of label matchers) or 'event' (an event type)");
        }
        if (mapping.has("alert")) {
            if (mapping.has("filters")) {
                throw mapping.required("filters").error("'filters' belongs to event triggers; an alert trigger's"
                        + " matchers are its 'alert' list");
            }
            YamlNode alert = mapping.required("alert");
            List<LabelMatcher> matchers = matchers(alert);
            if (matchers.isEmpty()) {
                throw alert.error("an alert trigger needs at least one matcher, such as alertname=\"HighErrorRate\"");
            }
            return new Trigger.Alert(matchers);
        }
        YamlNode type = mapping.required("event");
        if (!EventTypes.KNOWN.contains(type.asString())) {
            throw type.error("unknown event type '" + type.asString() + "'");
        }
        return new Trigger.Event(type.asString(), mapping.optional("filters").map(HealingPolicyReader::matchers)
                .orElse(List.of()));
    }

    private static List<LabelMatcher> matchers(YamlNode list) {
        List<LabelMatcher> matchers = new ArrayList<>();
        for (YamlNode item : list.asSequence().items()) {
            try {
                matchers.add(LabelMatcher.parse(item.asString()));
            } catch (IllegalArgumentException e) {
                throw item.error(e.getMessage());
            }
        }
        return matchers;
    }

    private static Action action(YamlMapping node, List<Trigger> triggers) {
        node.refuseUnknownKeys(Set.of("type", "timeout", "retries", "parameters"));
        YamlNode typeNode = node.required("type");
        ActionType type = ActionType.bySpelling(typeNode.asString()).orElseThrow(() -> typeNode.error(
                "unknown action '" + typeNode.asString() + "'; known: " + Arrays.stream(ActionType.values())
                        .map(ActionType::spelling).collect(Collectors.joining(", "))));
        Duration timeout = node.optional("timeout").map(HealingPolicyReader::positive).orElse(DEFAULT_TIMEOUT);
        if (timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw node.required("timeout").error("an action's timeout is at most 1h");
        }
        int retries = node.optional("retries").map(YamlNode::asInt).orElse(0);
        if (retries < 0 || retries > MAX_RETRIES) {
            throw node.required("retries").error("retries is between 0 and " + MAX_RETRIES);
        }
        YamlMapping parameters = node.optionalMapping("parameters")
                .orElse(new YamlMapping(List.of(), node.location(), node.path() + ".parameters"));
        return new Action(type, timeout, retries, ActionParameters.read(type, parameters, node, triggers));
    }

    static Duration positive(YamlNode node) {
        Duration duration = node.asDuration();
        if (duration.isZero() || duration.isNegative()) {
            throw node.error("expected a duration above zero");
        }
        return duration;
    }
}
