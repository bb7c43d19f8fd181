package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.definition.GitlabCiCompiler;
import io.opsplane.pipeline.definition.IncludeResolver;
import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.planning.PlannedRun;
import io.opsplane.pipeline.definition.planning.RunContext;
import io.opsplane.pipeline.definition.planning.RunPlanner;
import io.opsplane.pipeline.domain.PipelineVersion;
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
        Map<String, String> predefined = PredefinedVariables.ofRun(trigger, runId);
        PipelineSpec spec;
        try {
            spec = compiler.compile(version.definition, IncludeResolver.none(), predefined);
        } catch (InvalidDefinitionException e) {
            throw DomainException.invalid("definition version " + version.version + ": " + e.describe());
        }
        PlannedRun run = planner.plan(spec, new RunContext(predefined, trigger.variables(), Optional.empty(), Set.of()));
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
