package io.opsplane.pipeline.definition.model;

import java.util.List;
import java.util.Map;

/**
 * A compiled pipeline definition: includes merged, hidden jobs and {@code extends} resolved, {@code default}
 * applied, {@code parallel} expanded. Rules are kept unevaluated: they depend on the run (ref, source, changed
 * files), so a {@code RunPlanner} evaluates them when a run is created.
 *
 * @param stages      the stage names in order ({@code .pre} first and {@code .post} last, as GitLab adds them)
 * @param variables   global variables in written order (name → value; a {@code description} only documents a
 *                    manual-run form)
 * @param workflow    {@code workflow:rules}; empty means every run is created
 * @param jobs        the runnable jobs in definition order
 * @param warnings    accepted but ignored keywords, shown to the user (e.g. {@code image} on the shell executor)
 * @param name        {@code workflow: name}, the runs' display name (may hold {@code $VARIABLES}); empty when unset
 */
public record PipelineSpec(List<String> stages, Map<String, VariableSpec> variables, List<RuleSpec> workflow,
        List<JobSpec> jobs, List<String> warnings, String name) {

    public PipelineSpec {
        stages = List.copyOf(stages);
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        workflow = List.copyOf(workflow);
        jobs = List.copyOf(jobs);
        warnings = List.copyOf(warnings);
    }

    public PipelineSpec(List<String> stages, Map<String, VariableSpec> variables, List<RuleSpec> workflow,
            List<JobSpec> jobs, List<String> warnings) {
        this(stages, variables, workflow, jobs, warnings, "");
    }
}
