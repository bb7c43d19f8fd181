package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.IncludeResolver;
import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.model.VariableSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps of compiling a GitLab CI file, in GitLab's order: read the YAML, merge the includes, resolve
 * {@code extends}, resolve {@code !reference}, then read the top-level keywords and the jobs, expand
 * {@code parallel} and check the pipeline as a whole.
 */
public final class GitlabCompilation {

    private GitlabCompilation() {
    }

    public static PipelineSpec compile(String yaml, IncludeResolver includes, Map<String, String> knownVariables)
            throws InvalidDefinitionException {
        Warnings warnings = new Warnings();
        YamlMap root = YamlReader.read(yaml, "");
        TopLevel.refuseGlobals(root);
        YamlMap merged = new Includes(includes, knownVariables, warnings).expand(root);
        TopLevel.refuseGlobals(merged);
        YamlMap config = References.resolve(Extends.resolve(merged, Keywords.GLOBAL));

        List<String> stages = TopLevel.stages(config);
        Map<String, VariableSpec> variables = TopLevel.variables(config);
        TopLevel.Workflow workflow = TopLevel.workflow(config, warnings);
        JobReader reader = new JobReader(TopLevel.defaults(config, warnings), warnings);

        List<JobDraft> drafts = new ArrayList<>();
        for (YamlMap.Entry entry : config.entries()) {
            if (Keywords.GLOBAL.contains(entry.key()) || entry.key().startsWith(".")) {
                continue;
            }
            if (!(entry.value() instanceof YamlMap job)) {
                throw entry.keyPosition().error("top-level key '" + entry.key() + "' is neither a GitLab keyword "
                        + "nor a job (a job is a mapping with script or trigger; found " + entry.value().describe()
                        + ")");
            }
            drafts.add(reader.read(entry.key(), entry.keyPosition(), job));
        }
        if (drafts.isEmpty()) {
            throw root.position().error("the definition has no job (hidden jobs, whose names start with '.', do not "
                    + "run)");
        }
        List<JobSpec> jobs = new PipelineAssembler(stages, drafts).assemble();
        return new PipelineSpec(stages, variables, workflow.rules(), jobs, warnings.all(), workflow.name());
    }
}
