package io.opsplane.observability.alerting.config;

import io.opsplane.observability.alerting.matcher.Matchers;
import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.observability.alerting.routing.RouteOptions;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the routing tree with Alertmanager 0.25's inheritance, defaults and checks. */
final class RouteReader {

    private static final FieldRules FIELDS = new FieldRules(Set.of("receiver", "group_by", "continue", "matchers",
            "match", "match_re", "group_wait", "group_interval", "repeat_interval", "mute_time_intervals",
            "active_time_intervals", "routes"), Map.of());
    private static final RouteOptions DEFAULTS = new RouteOptions("", List.of(), false,
            RouteOptions.DEFAULT_GROUP_WAIT, RouteOptions.DEFAULT_GROUP_INTERVAL, RouteOptions.DEFAULT_REPEAT_INTERVAL,
            List.of(), List.of());

    private final Set<String> receivers;
    private final Set<String> timeIntervals;

    private RouteReader(Set<String> receivers, Set<String> timeIntervals) {
        this.receivers = receivers;
        this.timeIntervals = timeIntervals;
    }

    static Route readRoot(YamlMapping root, Set<String> receivers, Set<String> timeIntervals) {
        YamlMapping section = root.optionalMapping("route")
                .orElseThrow(() -> root.error("no route provided in config"));
        FIELDS.check(section);
        if (section.optionalString("receiver").orElse("").isEmpty()) {
            throw section.error("root route must specify a default receiver");
        }
        for (String field : List.of("matchers", "match", "match_re")) {
            section.optional(field).ifPresent(node -> {
                throw node.error("root route must not have any matchers");
            });
        }
        section.optional("mute_time_intervals").ifPresent(node -> {
            throw node.error("root route must not have any mute time intervals");
        });
        section.optional("active_time_intervals").ifPresent(node -> {
            throw node.error("root route must not have any active time intervals");
        });
        return new RouteReader(receivers, timeIntervals).read(section, DEFAULTS, null);
    }

    private Route read(YamlMapping section, RouteOptions parent, String parentKey) {
        FIELDS.check(section);
        Matchers matchers = MatcherFields.read(section, "");
        String key = parentKey == null ? matchers.toString() : parentKey + "/" + matchers;
        Optional<YamlNode> receiverNode = section.optional("receiver");
        String receiver = receiverNode.map(YamlNode::asString).filter(name -> !name.isEmpty())
                .orElse(parent.receiver());
        if (receiverNode.isPresent() && !receivers.contains(receiver)) {
            throw receiverNode.get().error("undefined receiver \"" + receiver + "\" used in route");
        }
        List<String> groupBy = parent.groupBy();
        boolean groupByAll = parent.groupByAll();
        if (section.optional("group_by").isPresent()) {
            groupBy = groupBy(section.required("group_by"));
            groupByAll = groupBy.contains("...");
            if (groupByAll) {
                groupBy = List.of();
            }
        }
        RouteOptions options = new RouteOptions(receiver, groupBy, groupByAll,
                section.optionalDuration("group_wait").orElse(parent.groupWait()),
                positive(section, "group_interval").orElse(parent.groupInterval()),
                positive(section, "repeat_interval").orElse(parent.repeatInterval()),
                intervals(section, "mute_time_intervals"), intervals(section, "active_time_intervals"));
        List<Route> children = new ArrayList<>();
        for (YamlNode child : section.list("routes")) {
            children.add(read(child.asMapping(), options, key));
        }
        return new Route(key, section.path(), matchers, section.bool("continue", false), options, children);
    }

    private static List<String> groupBy(YamlNode node) {
        Set<String> names = new LinkedHashSet<>();
        for (YamlNode item : node.asSequence().items()) {
            String name = item.asString();
            if (!name.equals("...")) {
                MatcherFields.labelName(item, " in group_by list");
            }
            if (!names.add(name)) {
                throw item.error("duplicated label \"" + name + "\" in group_by");
            }
        }
        if (names.contains("...") && names.size() > 1) {
            throw node.error("cannot have wildcard group_by (`...`) and other labels at the same time");
        }
        return List.copyOf(names);
    }

    private static Optional<Duration> positive(YamlMapping section, String field) {
        return section.optional(field).map(node -> {
            Duration duration = node.asDuration();
            if (duration.isZero()) {
                throw node.error(field + " cannot be zero");
            }
            return duration;
        });
    }

    private List<String> intervals(YamlMapping section, String field) {
        List<String> names = new ArrayList<>();
        for (YamlNode item : section.list(field)) {
            String name = item.asString();
            if (!timeIntervals.contains(name)) {
                throw item.error("undefined time interval \"" + name + "\" used in route");
            }
            names.add(name);
        }
        return names;
    }
}
