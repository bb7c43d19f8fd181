package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.InheritedVariables;
import io.opsplane.pipeline.definition.model.RetrySpec;
import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.model.VariableSpec;
import io.opsplane.pipeline.definition.model.When;
import io.opsplane.pipeline.definition.rules.InvalidExpressionException;
import io.opsplane.pipeline.definition.rules.RegexPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one job (its {@code extends} already merged) into a {@link JobDraft}: applies {@code default:} to the
 * keywords the job does not set (as {@code inherit: default:} allows), checks every keyword against
 * {@link Keywords} and reads each one.
 */
final class JobReader {

    static final Duration MAX_START_IN = Duration.ofDays(7);
    private static final Set<String> RETRY_WHEN = Set.of("always", "unknown_failure", "script_failure",
            "api_failure", "stuck_or_timeout_failure", "runner_system_failure", "runner_unsupported",
            "stale_schedule", "job_execution_timeout", "archived_failure", "unmet_prerequisites", "scheduler_failure",
            "data_integrity_failure");
    private static final Set<String> SCRIPT_KEYWORDS = Set.of("script", "before_script", "after_script");

    private final YamlMap defaults;
    private final Warnings warnings;

    JobReader(YamlMap defaults, Warnings warnings) {
        this.defaults = defaults;
        this.warnings = warnings;
    }

    JobDraft read(String name, Position position, YamlMap written) throws InvalidDefinitionException {
        Where where = Where.job(name);
        checkKeywords(where, written);
        YamlMap job = withDefaults(where, written);
        boolean isTrigger = job.present("trigger").isPresent();
        if (isTrigger) {
            for (String scriptKeyword : SCRIPT_KEYWORDS) {
                Optional<YamlMap.Entry> entry = written.entry(scriptKeyword);
                if (entry.isPresent()) {
                    throw where.at(scriptKeyword).error(entry.get().keyPosition(), "a trigger job runs a child "
                            + "pipeline and cannot have " + scriptKeyword);
                }
            }
        }
        List<String> script = scripts(where, job, "script");
        if (!isTrigger && script.isEmpty()) {
            throw where.error(position, "a job needs script or trigger (none found, also not through extends or "
                    + "default)");
        }
        List<String> beforeScript = isTrigger ? List.of() : scripts(where, job, "before_script");
        List<String> afterScript = isTrigger ? List.of() : scripts(where, job, "after_script");

        Map<String, String> variables = new LinkedHashMap<>();
        Set<String> rawVariables = new LinkedHashSet<>();
        if (job.present("variables").isPresent()) {
            for (Map.Entry<String, VariableSpec> variable : VariablesReader.read(where.at("variables"),
                    job.present("variables").get()).entrySet()) {
                variables.put(variable.getKey(), variable.getValue().value());
                if (!variable.getValue().expand()) {
                    rawVariables.add(variable.getKey());
                }
            }
        }
        List<RuleSpec> rules = job.present("rules").isPresent()
                ? RulesReader.job(where.at("rules"), job.present("rules").get(), warnings) : List.of();
        if (job.has("rules")) {
            for (String legacy : new String[] {"only", "except"}) {
                Optional<YamlMap.Entry> entry = job.entry(legacy);
                if (entry.isPresent()) {
                    throw where.at(legacy).error(entry.get().keyPosition(), "may not be used with rules");
                }
            }
        }
        When when = job.present("when").isPresent() ? when(where.at("when"), job.present("when").get())
                : When.ON_SUCCESS;
        Duration startIn = Duration.ZERO;
        if (job.present("start_in").isPresent()) {
            startIn = startIn(where.at("start_in"), job.present("start_in").get());
            if (when != When.DELAYED && rules.isEmpty()) {
                throw where.at("start_in").error(job.present("start_in").get(), "start_in needs when: delayed");
            }
        }
        if (when == When.DELAYED && startIn.isZero()) {
            throw where.at("when").error(job.present("when").get(), "when: delayed needs start_in");
        }
        for (RuleSpec rule : rules) {
            if (rule.when().filter(When.DELAYED::equals).isPresent() && rule.startIn().isEmpty()
                    && startIn.isZero()) {
                throw where.at("rules").error(job.present("rules").get(), "a rule with when: delayed needs "
                        + "start_in");
            }
        }
        AllowFailureSpec allowFailure = job.present("allow_failure").isPresent()
                ? allowFailure(where.at("allow_failure"), job.present("allow_failure").get())
                : when == When.MANUAL ? AllowFailureSpec.YES : AllowFailureSpec.NO;
        RetrySpec retry = job.present("retry").isPresent() ? retry(where.at("retry"), job.present("retry").get())
                : RetrySpec.NONE;
        Optional<Duration> timeout = Optional.empty();
        if (job.present("timeout").isPresent()) {
            YamlValue value = job.present("timeout").get();
            String text = Read.string(where.at("timeout"), value);
            Duration parsed = Durations.parse(text).filter(d -> !d.isZero()).orElseThrow(() -> where.at("timeout")
                    .error(value, "'" + text + "' is not a duration (such as '1h 30m' or '3 hours')"));
            timeout = Optional.of(parsed);
        }
        Optional<YamlMap.Entry> needsEntry = job.entry("needs");
        Optional<List<NeedRef>> needs = NeedsReader.read(where.at("needs"), job.present("needs"));
        Optional<List<JobRef>> dependencies = Optional.empty();
        if (job.present("dependencies").isPresent()) {
            List<JobRef> refs = new ArrayList<>();
            for (YamlValue item : Read.flatten(where.at("dependencies"), job.present("dependencies").get())) {
                refs.add(new JobRef(Read.string(where.at("dependencies"), item), item.position()));
            }
            dependencies = Optional.of(refs);
        }
        String coverage = "";
        if (job.present("coverage").isPresent()) {
            YamlValue value = job.present("coverage").get();
            coverage = Read.string(where.at("coverage"), value);
            try {
                RegexPattern.parse(coverage, 1);
            } catch (InvalidExpressionException e) {
                throw where.at("coverage").error(value, "expected a /regex/: " + e.reason());
            }
        }
        Position stagePosition = job.present("stage").map(YamlValue::position).orElse(position);
        String stage = job.present("stage").isPresent() ? Read.string(where.at("stage"), job.present("stage").get())
                : "test";
        return new JobDraft(name, position, stage, stagePosition, beforeScript, script, afterScript, variables,
                rawVariables, inheritedVariables(where, written), rules,
                OnlyExceptReader.read(where.at("only"), job.present("only")),
                OnlyExceptReader.read(where.at("except"), job.present("except")), when, startIn, allowFailure, retry,
                timeout, needs, needsEntry.map(YamlMap.Entry::keyPosition).orElse(position), dependencies,
                ArtifactsReader.read(where.at("artifacts"), job.present("artifacts"), warnings),
                CacheReader.read(where.at("cache"), job.present("cache"), warnings),
                job.present("resource_group").isPresent()
                        ? Read.string(where.at("resource_group"), job.present("resource_group").get()) : "",
                job.present("interruptible").isPresent()
                        && Read.bool(where.at("interruptible"), job.present("interruptible").get()),
                EnvironmentReader.read(where.at("environment"), job.present("environment"), warnings),
                job.present("tags").isPresent() ? Read.strings(where.at("tags"), job.present("tags").get()) : List.of(),
                coverage, TriggerReader.read(where.at("trigger"), job.present("trigger")),
                image(where, job), services(where, job),
                job.present("parallel").isPresent() ? Parallel.read(where.at("parallel"), job.present("parallel").get())
                        : Parallel.NONE,
                SecretsReader.read(where.at("secrets"), job.present("secrets")));
    }

    /** Unknown keywords are refused; refused ones with their reason; warned ones noted. */
    void checkKeywords(Where where, YamlMap job) throws InvalidDefinitionException {
        Read.refused(where, job, Keywords.REFUSED);
        for (YamlMap.Entry entry : job.entries()) {
            String warned = Keywords.WARNED.get(entry.key());
            if (warned != null) {
                warnings.keyword(entry.key(), where.describe(), warned);
            } else if (!Keywords.JOB.contains(entry.key())) {
                throw where.at(entry.key()).error(entry.keyPosition(), "unknown keyword");
            }
        }
    }

    private YamlMap withDefaults(Where where, YamlMap job) throws InvalidDefinitionException {
        Set<String> inherited = inheritedDefaults(where, job);
        YamlMap result = job;
        for (YamlMap.Entry entry : defaults.entries()) {
            if (inherited.contains(entry.key()) && !job.has(entry.key())) {
                result = result.with(entry.key(), entry.keyPosition(), entry.value());
            }
        }
        return result;
    }

    private static Set<String> inheritedDefaults(Where where, YamlMap job) throws InvalidDefinitionException {
        Optional<YamlValue> value = inherit(where, job, "default");
        if (value.isEmpty()) {
            return Keywords.DEFAULTABLE;
        }
        if (value.get() instanceof YamlScalar) {
            return Read.bool(where.at("inherit:default"), value.get()) ? Keywords.DEFAULTABLE : Set.of();
        }
        Set<String> names = new HashSet<>();
        for (YamlValue item : Read.flatten(where.at("inherit:default"), value.get())) {
            names.add(Read.choice(where.at("inherit:default"), item, Keywords.DEFAULTABLE));
        }
        return names;
    }

    private static InheritedVariables inheritedVariables(Where where, YamlMap job) throws InvalidDefinitionException {
        Optional<YamlValue> value = inherit(where, job, "variables");
        if (value.isEmpty()) {
            return InheritedVariables.ALL;
        }
        if (value.get() instanceof YamlScalar) {
            return Read.bool(where.at("inherit:variables"), value.get()) ? InheritedVariables.ALL
                    : InheritedVariables.NONE;
        }
        return new InheritedVariables(false, new HashSet<>(Read.strings(where.at("inherit:variables"), value.get())));
    }

    private static Optional<YamlValue> inherit(Where where, YamlMap job, String key) throws InvalidDefinitionException {
        Optional<YamlValue> inherit = job.present("inherit");
        if (inherit.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = Read.map(where.at("inherit"), inherit.get());
        Read.keys(where.at("inherit"), map, Set.of("default", "variables"));
        return map.present(key);
    }

    private static List<String> scripts(Where where, YamlMap job, String keyword) throws InvalidDefinitionException {
        Optional<YamlValue> value = job.present(keyword);
        if (value.isEmpty()) {
            return List.of();
        }
        List<String> lines = Read.strings(where.at(keyword), value.get());
        if (keyword.equals("script") && lines.isEmpty()) {
            throw where.at(keyword).error(value.get(), "is empty");
        }
        return lines;
    }

    static When when(Where where, YamlValue value) throws InvalidDefinitionException {
        return When.valueOf(Read.choice(where, value, RulesReader.JOB_WHEN).toUpperCase(Locale.ROOT));
    }

    static Duration startIn(Where where, YamlValue value) throws InvalidDefinitionException {
        String text = Read.string(where, value);
        Duration duration = Durations.parse(text).orElseThrow(() -> where.error(value, "'" + text
                + "' is not a duration (such as '30 minutes')"));
        if (duration.isZero() || duration.compareTo(MAX_START_IN) > 0) {
            throw where.error(value, "must be between 1 second and 1 week, found '" + text + "'");
        }
        return duration;
    }

    private static AllowFailureSpec allowFailure(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar) {
            return Read.bool(where, value) ? AllowFailureSpec.YES : AllowFailureSpec.NO;
        }
        YamlMap map = Read.map(where, value);
        Read.keys(where, map, Set.of("exit_codes"));
        return new AllowFailureSpec(false, exitCodes(where.at("exit_codes"), map.present("exit_codes")
                .orElseThrow(() -> where.error(map, "needs exit_codes:"))));
    }

    private static Set<Integer> exitCodes(Where where, YamlValue value) throws InvalidDefinitionException {
        Set<Integer> codes = new LinkedHashSet<>();
        for (YamlValue item : Read.flatten(where, value)) {
            long code = Read.integer(where, item);
            if (code < 0 || code > 255) {
                throw where.error(item, "an exit code is between 0 and 255, found " + code);
            }
            codes.add((int) code);
        }
        return codes;
    }

    private static RetrySpec retry(Where where, YamlValue value) throws InvalidDefinitionException {
        if (value instanceof YamlScalar) {
            return new RetrySpec(retryMax(where, value), Set.of("always"), Set.of());
        }
        YamlMap map = Read.map(where, value);
        Read.keys(where, map, Set.of("max", "when", "exit_codes"));
        int max = map.present("max").isPresent() ? retryMax(where.at("max"), map.present("max").get()) : 0;
        Set<String> when = new LinkedHashSet<>();
        if (map.present("when").isPresent()) {
            for (YamlValue item : Read.flatten(where.at("when"), map.present("when").get())) {
                when.add(Read.choice(where.at("when"), item, RETRY_WHEN));
            }
        }
        Set<Integer> exitCodes = map.present("exit_codes").isPresent()
                ? exitCodes(where.at("exit_codes"), map.present("exit_codes").get()) : Set.of();
        if (when.isEmpty() && exitCodes.isEmpty()) {
            when.add("always");
        }
        return new RetrySpec(max, when, exitCodes);
    }

    private static int retryMax(Where where, YamlValue value) throws InvalidDefinitionException {
        long max = Read.integer(where, value);
        if (max < 0 || max > 2) {
            throw where.error(value, "retries are between 0 and 2, found " + max);
        }
        return (int) max;
    }

    private String image(Where where, YamlMap job) throws InvalidDefinitionException {
        Optional<YamlValue> value = job.present("image");
        if (value.isEmpty()) {
            return "";
        }
        warnings.keyword("image", where.describe(), Keywords.EXECUTOR_IGNORES);
        if (value.get() instanceof YamlScalar) {
            return Read.string(where.at("image"), value.get());
        }
        YamlMap map = Read.map(where.at("image"), value.get());
        Read.keys(where.at("image"), map, Set.of("name", "entrypoint", "pull_policy", "docker", "kubernetes"));
        return Read.string(where.at("image:name"), map.present("name").orElseThrow(() -> where.at("image")
                .error(map, "needs name:")));
    }

    private List<String> services(Where where, YamlMap job) throws InvalidDefinitionException {
        Optional<YamlValue> value = job.present("services");
        if (value.isEmpty()) {
            return List.of();
        }
        warnings.keyword("services", where.describe(), Keywords.EXECUTOR_IGNORES);
        List<String> names = new ArrayList<>();
        for (YamlValue item : Read.flatten(where.at("services"), value.get())) {
            if (item instanceof YamlMap map) {
                Read.keys(where.at("services"), map, Set.of("name", "alias", "entrypoint", "command", "variables",
                        "pull_policy", "docker", "kubernetes"));
                names.add(Read.string(where.at("services:name"), map.present("name").orElseThrow(
                        () -> where.at("services").error(map, "needs name:"))));
            } else {
                names.add(Read.string(where.at("services"), item));
            }
        }
        return names;
    }
}
