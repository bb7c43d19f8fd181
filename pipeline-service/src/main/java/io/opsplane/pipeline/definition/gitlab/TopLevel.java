package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.model.VariableSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The top-level keywords that are not jobs: {@code stages}, {@code variables}, {@code workflow}, {@code default}. */
final class TopLevel {

    static final List<String> DEFAULT_STAGES = List.of("build", "test", "deploy");

    private TopLevel() {
    }

    /** Refuses {@code spec} and {@code types}, naming them. */
    static void refuseGlobals(YamlMap config) throws InvalidDefinitionException {
        for (Map.Entry<String, String> refused : Keywords.REFUSED_GLOBAL.entrySet()) {
            Optional<YamlMap.Entry> entry = config.entry(refused.getKey());
            if (entry.isPresent()) {
                String keyword = refused.getKey().equals("spec") ? "spec:inputs" : refused.getKey();
                throw Where.topLevel(keyword).unsupported(entry.get().keyPosition(), refused.getValue());
            }
        }
    }

    /** The stages in order, with GitLab's {@code .pre} first and {@code .post} last. */
    static List<String> stages(YamlMap config) throws InvalidDefinitionException {
        List<String> stages = new ArrayList<>();
        stages.add(".pre");
        Optional<YamlValue> value = config.present("stages");
        if (value.isEmpty()) {
            stages.addAll(DEFAULT_STAGES);
        } else {
            Where where = Where.topLevel("stages");
            for (YamlValue item : Read.flatten(where, value.get())) {
                String stage = Read.string(where, item);
                if (stage.equals(".pre") || stage.equals(".post")) {
                    continue;
                }
                if (stages.contains(stage)) {
                    throw where.error(item, "the stage '" + stage + "' is listed twice");
                }
                stages.add(stage);
            }
        }
        stages.add(".post");
        return stages;
    }

    static Map<String, VariableSpec> variables(YamlMap config) throws InvalidDefinitionException {
        Optional<YamlValue> value = config.present("variables");
        return value.isEmpty() ? new LinkedHashMap<>() : VariablesReader.read(Where.topLevel("variables"), value.get());
    }

    /** {@code workflow:}: its rules, and its name (empty when unset). */
    record Workflow(List<RuleSpec> rules, String name) {
    }

    /** {@code workflow: {rules, name, auto_cancel}}. */
    static Workflow workflow(YamlMap config, Warnings warnings) throws InvalidDefinitionException {
        Optional<YamlValue> value = config.present("workflow");
        if (value.isEmpty()) {
            return new Workflow(List.of(), "");
        }
        Where where = Where.topLevel("workflow");
        YamlMap map = Read.map(where, value.get());
        Read.keys(where, map, Set.of("rules", "name", "auto_cancel"));
        if (map.has("auto_cancel")) {
            warnings.keyword("workflow:auto_cancel", "workflow", "pipelines are not cancelled automatically");
        }
        String name = map.present("name").isPresent() ? Read.string(where.at("name"), map.present("name").get()) : "";
        List<RuleSpec> rules = map.present("rules").isPresent()
                ? RulesReader.workflow(where.at("rules"), map.present("rules").get(), warnings) : List.of();
        return new Workflow(rules, name);
    }

    /**
     * {@code default:} with GitLab's deprecated top-level forms ({@code image}, {@code services}, {@code cache},
     * {@code before_script}, {@code after_script}) folded in where {@code default:} does not set them. The values
     * are read, and checked, in each job that inherits them.
     */
    static YamlMap defaults(YamlMap config, Warnings warnings) throws InvalidDefinitionException {
        Where where = Where.topLevel("default");
        YamlMap defaults = config.present("default").isPresent() ? Read.map(where, config.present("default").get())
                : YamlMap.empty(config.position());
        Map<String, String> refused = new LinkedHashMap<>();
        Keywords.REFUSED.forEach((keyword, why) -> {
            if (Keywords.DEFAULTABLE.contains(keyword)) {
                refused.put(keyword, why);
            }
        });
        Read.refused(where, defaults, refused);
        Read.keys(where, defaults, Keywords.DEFAULTABLE);
        for (YamlMap.Entry entry : defaults.entries()) {
            if (Keywords.WARNED.containsKey(entry.key())) {
                warnings.keyword(entry.key(), "default", Keywords.WARNED.get(entry.key()));
            }
        }
        for (YamlMap.Entry entry : config.entries()) {
            String deprecated = entry.key();
            if (Keywords.DEPRECATED_GLOBALS.contains(deprecated)) {
                warnings.add("top-level '" + deprecated + "' (line " + entry.keyPosition().line()
                        + ") is GitLab's deprecated form of default:" + deprecated + "; it is applied as such");
                if (!defaults.has(deprecated)) {
                    defaults = defaults.with(deprecated, entry.keyPosition(), entry.value());
                }
            }
        }
        return defaults;
    }
}
