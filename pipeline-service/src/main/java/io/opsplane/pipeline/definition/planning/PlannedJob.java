package io.opsplane.pipeline.definition.planning;

import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import io.opsplane.pipeline.definition.model.When;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job that a run keeps, with what its rules decided.
 *
 * @param variables    the job's variables for this run: inherited globals (with {@code workflow:rules} variables),
 *                     then the job's own, then its matching rule's, then the run's (predefined ones are not
 *                     included: the executor sets them)
 * @param needs        as in {@link JobSpec#needs()}, without optional needs on jobs this run does not have
 * @param dependencies as in {@link JobSpec#dependencies()}, without jobs this run does not have
 */
public record PlannedJob(JobSpec spec, When when, Duration startIn, AllowFailureSpec allowFailure,
        Map<String, String> variables, Optional<List<NeedSpec>> needs, Optional<List<String>> dependencies) {

    public PlannedJob {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
        needs = needs.map(List::copyOf);
        dependencies = dependencies.map(List::copyOf);
    }

    public String name() {
        return spec.name();
    }

    public String stage() {
        return spec.stage();
    }
}
