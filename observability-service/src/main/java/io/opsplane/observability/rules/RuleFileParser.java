package io.opsplane.observability.rules;

import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.promql.ParsedQuery;
import io.opsplane.observability.promql.PromQL;
import io.opsplane.observability.promql.PromqlException;
import io.opsplane.observability.rules.template.AlertTemplate;
import io.opsplane.observability.rules.template.TemplateException;
import io.opsplane.platform.yaml.SafeYamlReader;
import io.opsplane.platform.yaml.YamlException;
import io.opsplane.platform.yaml.YamlLimits;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import io.opsplane.platform.yaml.YamlScalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a Prometheus rule file as Prometheus 2.42 accepts it (unknown fields refused, as its
 * strict YAML decoding does) and checks it as {@code promtool check rules} does, reporting every
 * problem with Prometheus's wording and where it is. Beyond Prometheus, sizes are bounded:
 * {@link #MAX_FILE_CHARACTERS}, {@link #MAX_GROUPS}, {@link #MAX_RULES}, {@link #MAX_VALUE_LENGTH}
 * for label and annotation values and {@link #MAX_NAME_LENGTH} for names; NUL characters are refused.
 */
public final class RuleFileParser {

    public static final int MAX_FILE_CHARACTERS = 4 * 1024 * 1024;
    public static final int MAX_GROUPS = 1_000;
    public static final int MAX_RULES = 10_000;
    public static final int MAX_VALUE_LENGTH = AlertTemplate.MAX_LENGTH;
    public static final int MAX_NAME_LENGTH = 1_024;

    private static final YamlLimits LIMITS = new YamlLimits(MAX_FILE_CHARACTERS, 64, 1_000, 1_000_000);
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> FILE_FIELDS = Set.of("groups");
    private static final Set<String> GROUP_FIELDS = Set.of("name", "interval", "limit", "rules");
    private static final Set<String> RULE_FIELDS =
            Set.of("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations");

    private final List<RuleFileProblem> problems = new ArrayList<>();

    private RuleFileParser() {
    }

    /**
     * The groups of a rule file.
     *
     * @param file the file's name, used in messages
     * @throws RuleFileException listing every problem
     */
    public static List<RuleGroup> parse(String file, String text) {
        RuleFileParser parser = new RuleFileParser();
        List<RuleGroup> groups;
        try {
            groups = parser.read(text);
        } catch (YamlException e) {
            throw new RuleFileException(file, List.of(new RuleFileProblem(e.line(), e.column(), null, 0, null,
                    e.path().isEmpty() ? e.problem() : e.path() + ": " + e.problem())));
        }
        if (!parser.problems.isEmpty()) {
            throw new RuleFileException(file, parser.problems);
        }
        return groups;
    }

    private List<RuleGroup> read(String text) {
        YamlNode document = SafeYamlReader.read(text, LIMITS);
        if (document instanceof YamlScalar scalar && scalar.isNull()) {
            return List.of();
        }
        YamlMapping root = document.asMapping();
        root.refuseUnknownKeys(FILE_FIELDS);
        List<YamlNode> groupNodes = root.list("groups");
        if (groupNodes.size() > MAX_GROUPS) {
            throw root.required("groups").error("the file has " + groupNodes.size() + " groups, at most " + MAX_GROUPS
                    + " are accepted");
        }
        int ruleCount = groupNodes.stream().mapToInt(g -> g.asMapping().list("rules").size()).sum();
        if (ruleCount > MAX_RULES) {
            throw root.required("groups").error("the file has " + ruleCount + " rules, at most " + MAX_RULES
                    + " are accepted");
        }
        Set<String> names = new HashSet<>();
        List<RuleGroup> groups = new ArrayList<>();
        for (YamlNode groupNode : groupNodes) {
            YamlMapping group = groupNode.asMapping();
            group.refuseUnknownKeys(GROUP_FIELDS);
            String name = group.optionalString("name").orElse("");
            Duration interval = group.optionalDuration("interval").filter(d -> !d.isZero()).orElse(null);
            int limit = group.optional("limit").map(YamlNode::asInt).orElse(0);
            if (name.isEmpty()) {
                problem(groupNode, null, 0, null, "Groupname must not be empty");
            }
            if (!names.add(name)) {
                problem(groupNode, null, 0, null, "groupname: \"" + name + "\" is repeated in the same file");
            }
            List<Rule> rules = new ArrayList<>();
            List<YamlNode> ruleNodes = group.list("rules");
            for (int i = 0; i < ruleNodes.size(); i++) {
                Rule rule = readRule(name, i + 1, ruleNodes.get(i).asMapping());
                if (rule != null) {
                    rules.add(rule);
                }
            }
            groups.add(new RuleGroup(name, interval, limit, rules));
        }
        return groups;
    }

    private void problem(YamlNode where, String group, int rule, String ruleName, String message) {
        int line = where == null ? 0 : where.location().line();
        int column = where == null ? 0 : where.location().column();
        problems.add(new RuleFileProblem(line, column, group, rule, ruleName, message));
    }

    /** The rule, or null when it has problems (which are recorded). */
    private Rule readRule(String group, int index, YamlMapping node) {
        node.refuseUnknownKeys(RULE_FIELDS);
        YamlNode recordNode = node.optional("record").orElse(null);
        YamlNode alertNode = node.optional("alert").orElse(null);
        YamlNode exprNode = node.optional("expr").orElse(null);
        String record = recordNode == null ? "" : recordNode.asString();
        String alert = alertNode == null ? "" : alertNode.asString();
        String expr = exprNode == null ? "" : exprNode.asString();
        Duration hold = node.optionalDuration("for").orElse(Duration.ZERO);
        Duration keepFiringFor = node.optionalDuration("keep_firing_for").orElse(Duration.ZERO);
        Map<String, YamlNode> labels = stringMap(node, "labels");
        Map<String, YamlNode> annotations = stringMap(node, "annotations");
        String name = alert.isEmpty() ? record : alert;
        int before = problems.size();

        if (!record.isEmpty() && !alert.isEmpty()) {
            problems.add(new RuleFileProblem(recordNode.location().line(), recordNode.location().column(),
                    alertNode.location().line(), alertNode.location().column(), group, index, name,
                    "only one of 'record' and 'alert' must be set"));
        }
        if (record.isEmpty() && alert.isEmpty()) {
            problem(recordNode != null ? recordNode : alertNode != null ? alertNode : node, group, index, name,
                    "one of 'record' or 'alert' must be set");
        }
        ParsedQuery parsedExpr = null;
        if (expr.isEmpty()) {
            problem(exprNode != null ? exprNode : node, group, index, name, "field 'expr' must be set in rule");
        } else {
            try {
                parsedExpr = PromQL.parse(expr);
            } catch (PromqlException e) {
                problem(exprNode, group, index, name, "could not parse expression: " + e.getMessage());
            }
        }
        if (!record.isEmpty()) {
            checkRecordingRule(group, index, name, recordNode, !annotations.isEmpty(), hold, keepFiringFor);
        }
        checkNamesAndValues(group, index, name, labels, "label", true);
        checkNamesAndValues(group, index, name, annotations, "annotation", false);
        Map<String, String> labelTexts = texts(labels);
        Map<String, String> annotationTexts = texts(annotations);
        if (!alert.isEmpty()) {
            checkTemplates(group, index, name, alert, labels, "label");
            checkTemplates(group, index, name, alert, annotations, "annotation");
        }
        if (problems.size() > before) {
            return null;
        }
        if (!alert.isEmpty()) {
            return AlertingRule.of(alert, parsedExpr, hold, keepFiringFor, labelTexts, annotationTexts);
        }
        return new RecordingRule(record, parsedExpr, new TreeMap<>(labelTexts));
    }

    /** Fields only alerting rules take, and the recorded metric's name. */
    private void checkRecordingRule(String group, int index, String ruleName, YamlNode recordNode,
            boolean hasAnnotations, Duration hold, Duration keepFiringFor) {
        if (hasAnnotations) {
            problem(recordNode, group, index, ruleName, "invalid field 'annotations' in recording rule");
        }
        if (!hold.isZero()) {
            problem(recordNode, group, index, ruleName, "invalid field 'for' in recording rule");
        }
        if (!keepFiringFor.isZero()) {
            problem(recordNode, group, index, ruleName, "invalid field 'keep_firing_for' in recording rule");
        }
        String record = recordNode.asString();
        if (!METRIC_NAME.matcher(record).matches()) {
            problem(recordNode, group, index, ruleName, "invalid recording rule name: " + record);
        }
    }

    /** A mapping of names to single values, each kept with its key's node for messages. */
    private static Map<String, YamlNode> stringMap(YamlMapping rule, String field) {
        Map<String, YamlNode> values = new TreeMap<>();
        rule.optionalMapping(field).ifPresent(mapping -> {
            for (YamlMapping.Entry entry : mapping.entries()) {
                YamlNode value = entry.value();
                if (!(value instanceof YamlScalar)) {
                    throw value.error("expected a single value, found " + value.describe());
                }
                values.put(entry.key().text(), value);
            }
        });
        return values;
    }

    private static Map<String, String> texts(Map<String, YamlNode> values) {
        Map<String, String> texts = new TreeMap<>();
        values.forEach((key, node) -> texts.put(key, ((YamlScalar) node).isNull() ? "" : ((YamlScalar) node).text()));
        return texts;
    }

    private void checkNamesAndValues(String group, int index, String ruleName, Map<String, YamlNode> values, String kind,
            boolean labels) {
        values.forEach((key, node) -> {
            String value = ((YamlScalar) node).isNull() ? "" : ((YamlScalar) node).text();
            if (!LABEL_NAME.matcher(key).matches() || (labels && key.equals("__name__")) || key.length() > MAX_NAME_LENGTH) {
                problem(node, group, index, ruleName, "invalid " + kind + " name: " + abbreviate(key));
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                problem(node, group, index, ruleName, kind + " " + GoQuoting.quote(key) + ": the value has "
                        + value.length() + " characters, at most " + MAX_VALUE_LENGTH + " are accepted");
            } else if (value.indexOf('\0') >= 0) {
                problem(node, group, index, ruleName, kind + " " + GoQuoting.quote(key) + ": the value contains a NUL character");
            }
        });
    }

    private void checkTemplates(String group, int index, String ruleName, String alert, Map<String, YamlNode> values,
            String kind) {
        values.forEach((key, node) -> {
            String text = ((YamlScalar) node).isNull() ? "" : ((YamlScalar) node).text();
            if (text.length() > MAX_VALUE_LENGTH) {
                return;
            }
            try {
                AlertTemplate.parse(alert, text);
            } catch (TemplateException e) {
                problem(node, group, index, ruleName, kind + " " + GoQuoting.quote(key) + ": " + e.getMessage());
            }
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
