package io.opsplane.pipeline.definition.planning;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run of a pipeline would be: either refused (by {@code workflow:rules}, by a job needing one this run
 * lacks, or because no job is left), with the reason, or its stages and jobs.
 *
 * @param variables the run's global variables: the definition's, then those of the matching
 *                  {@code workflow:rules} entry, then the run's own
 * @param stages    the stages that still have jobs, in order
 */
public record PlannedRun(Optional<String> refusal, Map<String, String> variables, List<String> stages,
        List<PlannedJob> jobs) {

    public PlannedRun {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        stages = List.copyOf(stages);
        jobs = List.copyOf(jobs);
    }

    static PlannedRun refused(String reason, Map<String, String> variables) {
        return new PlannedRun(Optional.of(reason), variables, List.of(), List.of());
    }

    public boolean created() {
        return refusal.isEmpty();
    }

    public Optional<PlannedJob> job(String name) {
        return jobs.stream().filter(job -> job.name().equals(name)).findFirst();
    }
}
