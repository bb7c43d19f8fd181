package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.model.VariableSpec;
import io.opsplane.pipeline.definition.model.When;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code rules:} of a job and {@code workflow:rules}: {@code if} (checked to parse), {@code changes} (a list or
 * {@code {paths, compare_to}}), {@code exists} (a list or {@code {paths}}), {@code when}, {@code start_in},
 * {@code allow_failure} and {@code variables}. Nested lists (from {@code !reference}) are flattened.
 */
final class RulesReader {

    private static final Set<String> JOB_KEYS = Set.of("if", "changes", "exists", "when", "start_in", "allow_failure",
            "variables", "needs", "interruptible");
    private static final Set<String> WORKFLOW_KEYS = Set.of("if", "changes", "exists", "when", "variables",
            "auto_cancel");
    static final Set<String> JOB_WHEN = Set.of("on_success", "on_failure", "always", "manual", "delayed", "never");

    private RulesReader() {
    }

    static List<RuleSpec> job(Where where, YamlValue value, Warnings warnings) throws InvalidDefinitionException {
        return read(where, value, false, warnings);
    }

    static List<RuleSpec> workflow(Where where, YamlValue value, Warnings warnings) throws InvalidDefinitionException {
        return read(where, value, true, warnings);
    }

    private static List<RuleSpec> read(Where where, YamlValue value, boolean workflow, Warnings warnings)
            throws InvalidDefinitionException {
        List<RuleSpec> rules = new ArrayList<>();
        if (value instanceof YamlScalar scalar && scalar.isNull()) {
            return rules;
        }
        if (!(value instanceof YamlList)) {
            throw where.error(value, "expected a list of rules, found " + value.describe());
        }
        for (YamlValue item : Read.flatten(where, value)) {
            rules.add(rule(where, Read.map(where, item), workflow, warnings));
        }
        return rules;
    }

    private static RuleSpec rule(Where where, YamlMap rule, boolean workflow, Warnings warnings)
            throws InvalidDefinitionException {
        Optional<YamlMap.Entry> needs = rule.entry("needs");
        if (needs.isPresent()) {
            throw where.at("needs").unsupported(needs.get().keyPosition(), "rules cannot change needs here");
        }
        Optional<YamlMap.Entry> interruptible = rule.entry("interruptible");
        if (interruptible.isPresent()) {
            throw where.at("interruptible").unsupported(interruptible.get().keyPosition(), "rules cannot change "
                    + "interruptible here; set it on the job");
        }
        rule.entry("auto_cancel").ifPresent(e -> warnings.keyword("workflow:rules:auto_cancel", "line "
                + e.keyPosition().line(), "pipelines are not cancelled automatically"));
        Read.keys(where, rule, workflow ? WORKFLOW_KEYS : JOB_KEYS);
        String condition = rule.present("if").isPresent() ? Expressions.read(where.at("if"), rule.present("if").get())
                : "";
        List<String> changes = List.of();
        if (rule.present("changes").isPresent()) {
            YamlValue changesValue = rule.present("changes").get();
            Where at = where.at("changes");
            if (changesValue instanceof YamlMap map) {
                Read.keys(at, map, Set.of("paths", "compare_to"));
                map.entry("compare_to").ifPresent(e -> warnings.keyword("rules:changes:compare_to", "line "
                        + e.keyPosition().line(), "changes are always those of the run"));
                changes = Read.strings(at.at("paths"), map.present("paths").orElseThrow(() -> at.error(map,
                        "needs paths:")));
            } else {
                changes = Read.strings(at, changesValue);
            }
        }
        List<String> exists = List.of();
        if (rule.present("exists").isPresent()) {
            YamlValue existsValue = rule.present("exists").get();
            Where at = where.at("exists");
            if (existsValue instanceof YamlMap map) {
                Optional<YamlMap.Entry> project = map.entry("project");
                if (project.isPresent()) {
                    throw at.at("project").unsupported(project.get().keyPosition(), "files of other projects "
                            + "cannot be checked");
                }
                Read.keys(at, map, Set.of("paths"));
                exists = Read.strings(at.at("paths"), map.present("paths").orElseThrow(() -> at.error(map,
                        "needs paths:")));
            } else {
                exists = Read.strings(at, existsValue);
            }
        }
        Optional<When> when = Optional.empty();
        if (rule.present("when").isPresent()) {
            Set<String> allowed = workflow ? Set.of("always", "never") : JOB_WHEN;
            when = Optional.of(When.valueOf(Read.lower(Read.choice(where.at("when"), rule.present("when").get(),
                    allowed)).toUpperCase(java.util.Locale.ROOT)));
        }
        Optional<Duration> startIn = Optional.empty();
        if (rule.present("start_in").isPresent()) {
            startIn = Optional.of(JobReader.startIn(where.at("start_in"), rule.present("start_in").get()));
            if (when.filter(When.DELAYED::equals).isEmpty()) {
                throw where.at("start_in").error(rule.present("start_in").get(), "start_in needs when: delayed in "
                        + "the same rule");
            }
        }
        Optional<Boolean> allowFailure = rule.present("allow_failure").isPresent()
                ? Optional.of(Read.bool(where.at("allow_failure"), rule.present("allow_failure").get()))
                : Optional.empty();
        Map<String, String> variables = new LinkedHashMap<>();
        if (rule.present("variables").isPresent()) {
            for (Map.Entry<String, VariableSpec> variable : VariablesReader.read(where.at("variables"),
                    rule.present("variables").get()).entrySet()) {
                variables.put(variable.getKey(), variable.getValue().value());
            }
        }
        return new RuleSpec(condition, changes, exists, when, startIn, allowFailure, variables);
    }
}
