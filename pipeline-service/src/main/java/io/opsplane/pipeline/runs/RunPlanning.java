package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.definition.GitlabCiCompiler;
import io.opsplane.pipeline.definition.IncludeResolver;
import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.planning.PlannedRun;
import io.opsplane.pipeline.definition.planning.RunContext;
import io.opsplane.pipeline.definition.planning.RunPlanner;
import io.opsplane.pipeline.domain.PipelineVersion;
import io.opsplane.pipeline.sources.RepositorySnapshot;
import io.opsplane.platform.errors.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Compiles a pipeline version and plans one run of it: which jobs this ref, source and these variables get. */
@ApplicationScoped
public class RunPlanning {

    private final GitlabCiCompiler compiler = new GitlabCiCompiler();
    private final RunPlanner planner = new RunPlanner();

    /** A run's plan and the compiled definition's warnings. */
    public record Planned(PlannedRun run, PipelineSpec spec, Map<String, String> predefined) {
    }

    Planned plan(PipelineVersion version, RunTrigger trigger, UUID runId) {
        return plan(version.definition, "definition version " + version.version, trigger, runId, Optional.empty());
    }

    /**
     * Plans a run of {@code definition}; with a repository snapshot (a run of a commit of the pipeline's source),
     * {@code include: local} reads the commit's files, {@code changes} sees the commit's changes and
     * {@code exists} its files. Reads the repository: call it on a worker thread when there is a snapshot.
     */
    Planned plan(String definition, String what, RunTrigger trigger, UUID runId,
            Optional<RepositorySnapshot> repository) {
        Map<String, String> predefined = new java.util.LinkedHashMap<>(PredefinedVariables.ofRun(trigger, runId));
        repository.ifPresent(snapshot -> predefined.put("CI_REPOSITORY_URL", snapshot.repositoryUrl()));
        PipelineSpec spec;
        try {
            spec = compiler.compile(definition, repository.map(RepositorySnapshot::includes)
                    .orElseGet(IncludeResolver::none), predefined);
        } catch (InvalidDefinitionException e) {
            throw DomainException.invalid(what + ": " + e.describe());
        }
        RunContext context = new RunContext(predefined, trigger.variables(),
                repository.flatMap(RepositorySnapshot::changedFiles),
                repository.map(RepositorySnapshot::files).orElse(Set.of()));
        PlannedRun run = planner.plan(spec, context);
        if (!run.created()) {
            throw DomainException.failedPrecondition("no run for ref '" + trigger.ref() + "': " + run.refusal().get());
        }
        // A bridge job starts a child pipeline; running it on a runner would pass without doing anything.
        run.jobs().stream().filter(job -> job.spec().trigger().isPresent()).findFirst().ifPresent(job -> {
            throw DomainException.failedPrecondition("job '" + job.name() + "' starts a child pipeline (trigger), "
                    + "which this version of Opsplane cannot run yet");
        });
        return new Planned(run, spec, predefined);
    }
}
