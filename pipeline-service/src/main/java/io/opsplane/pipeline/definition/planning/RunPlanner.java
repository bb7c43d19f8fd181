package io.opsplane.pipeline.definition.planning;

import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.model.When;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what one run of a compiled pipeline contains, as GitLab does when it creates a pipeline:
 * {@code workflow:rules} first (no matching entry, or {@code when: never}, and there is no run), then each job's
 * {@code rules} (first match wins; no match, or {@code when: never}, drops the job) or {@code only}/{@code except},
 * then {@code needs}: an optional need on a dropped job is dropped, any other refuses the run with GitLab's
 * message. Stages left without jobs are dropped; a run without jobs is refused.
 *
 * <p>Variables, lowest first: predefined, the definition's globals (those the job inherits), the matching
 * {@code workflow:rules} entry's, the job's own, its matching rule's, the run's own. Rules are evaluated with
 * everything but the rule's own variables, plus {@code CI_JOB_NAME}, {@code CI_JOB_STAGE} and, for
 * {@code parallel: N}, {@code CI_NODE_INDEX}/{@code CI_NODE_TOTAL}.
 */
public final class RunPlanner {

    public PlannedRun plan(PipelineSpec spec, RunContext context) {
        Conditions conditions = new Conditions(context);
        Map<String, String> globals = new LinkedHashMap<>();
        spec.variables().forEach((name, variable) -> globals.put(name, variable.value()));

        Map<String, String> workflowScope = layered(context.predefined(), globals, context.variables());
        if (!spec.workflow().isEmpty()) {
            Optional<RuleSpec> matched = firstMatch(spec.workflow(), workflowScope, conditions);
            if (matched.isEmpty()) {
                return PlannedRun.refused("no workflow:rules entry matches this run",
                        layered(globals, context.variables()));
            }
            if (matched.get().when().filter(When.NEVER::equals).isPresent()) {
                return PlannedRun.refused("workflow:rules exclude this run (the matching entry is when: never"
                        + describe(matched.get()) + ")", layered(globals, context.variables()));
            }
            globals.putAll(matched.get().variables());
        }
        Map<String, String> runVariables = layered(globals, context.variables());

        RefPolicies policies = new RefPolicies(conditions);
        List<Decision> kept = new ArrayList<>();
        for (JobSpec job : spec.jobs()) {
            decide(job, globals, context, conditions, policies).ifPresent(kept::add);
        }
        Set<String> present = new LinkedHashSet<>();
        kept.forEach(decision -> present.add(decision.job().name()));

        List<PlannedJob> jobs = new ArrayList<>();
        for (Decision decision : kept) {
            JobSpec job = decision.job();
            Optional<List<NeedSpec>> needs = Optional.empty();
            if (job.needs().isPresent()) {
                List<NeedSpec> remaining = new ArrayList<>();
                for (NeedSpec need : job.needs().get()) {
                    if (present.contains(need.job())) {
                        remaining.add(need);
                    } else if (!need.optional()) {
                        return PlannedRun.refused("'" + job.name() + "' job needs '" + need.job() + "' job, but '"
                                + need.job() + "' is not in any previous stage", runVariables);
                    }
                }
                needs = Optional.of(remaining);
            }
            Optional<List<String>> dependencies = job.dependencies()
                    .map(names -> names.stream().filter(present::contains).toList());
            jobs.add(new PlannedJob(job, decision.when(), decision.startIn(), decision.allowFailure(),
                    decision.variables(), needs, dependencies));
        }
        if (jobs.isEmpty()) {
            return PlannedRun.refused("no job would run: rules, only/except or when: never exclude every job",
                    runVariables);
        }
        List<String> stages = spec.stages().stream()
                .filter(stage -> jobs.stream().anyMatch(job -> job.stage().equals(stage))).toList();
        return new PlannedRun(Optional.empty(), runVariables, stages, jobs);
    }

    private record Decision(JobSpec job, When when, Duration startIn, AllowFailureSpec allowFailure,
            Map<String, String> variables) {
    }

    private static Optional<Decision> decide(JobSpec job, Map<String, String> globals, RunContext context,
            Conditions conditions, RefPolicies policies) {
        Map<String, String> inherited = new LinkedHashMap<>();
        globals.forEach((name, value) -> {
            if (job.inheritedVariables().inherits(name)) {
                inherited.put(name, value);
            }
        });
        Map<String, String> jobPredefined = new LinkedHashMap<>(context.predefined());
        jobPredefined.put("CI_JOB_NAME", job.name());
        jobPredefined.put("CI_JOB_STAGE", job.stage());
        if (job.parallelTotal() > 0) {
            jobPredefined.put("CI_NODE_INDEX", String.valueOf(job.parallelIndex()));
            jobPredefined.put("CI_NODE_TOTAL", String.valueOf(job.parallelTotal()));
        }
        Map<String, String> scope = layered(jobPredefined, inherited, job.variables(), context.variables());

        When when = job.when();
        Duration startIn = job.startIn();
        AllowFailureSpec allowFailure = job.allowFailure();
        Map<String, String> ruleVariables = Map.of();
        if (!job.rules().isEmpty()) {
            Optional<RuleSpec> matched = firstMatch(job.rules(), scope, conditions);
            if (matched.isEmpty()) {
                return Optional.empty();
            }
            RuleSpec rule = matched.get();
            when = rule.when().orElse(when);
            startIn = rule.startIn().orElse(startIn);
            if (rule.allowFailure().isPresent()) {
                allowFailure = rule.allowFailure().get() ? AllowFailureSpec.YES : AllowFailureSpec.NO;
            }
            ruleVariables = rule.variables();
        } else if (!policies.included(job.only(), job.except(), scope)) {
            return Optional.empty();
        }
        if (when == When.NEVER) {
            return Optional.empty();
        }
        Map<String, String> variables = layered(inherited, job.variables(), ruleVariables, context.variables());
        return Optional.of(new Decision(job, when, startIn, allowFailure, variables));
    }

    private static Optional<RuleSpec> firstMatch(List<RuleSpec> rules, Map<String, String> variables,
            Conditions conditions) {
        return rules.stream().filter(rule -> conditions.matches(rule, variables)).findFirst();
    }

    @SafeVarargs
    private static Map<String, String> layered(Map<String, String>... layers) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map<String, String> layer : layers) {
            result.putAll(layer);
        }
        return result;
    }

    private static String describe(RuleSpec rule) {
        return rule.ifExpression().isEmpty() ? "" : ", if: " + rule.ifExpression().strip();
    }
}
