package io.opsplane.pipeline.definition;

import io.opsplane.pipeline.definition.gitlab.GitlabCompilation;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import java.util.Map;

/**
 * Compiles a GitLab CI definition ({@code .gitlab-ci.yml}) into a {@link PipelineSpec}, with GitLab's semantics
 * for includes, {@code extends}, {@code !reference}, {@code default}, hidden jobs, {@code parallel} and the job
 * keywords. Keywords that have no meaning here are accepted with a warning or refused by name
 * ({@code gitlab.Keywords} lists them); any other keyword is refused as unknown. Every refusal names the keyword,
 * the job and the line and column (and the included file, when the problem is in one).
 *
 * <p>The YAML is read with the same safety limits as {@link DefinitionParser} (size, nesting, recursive aliases,
 * duplicate keys), plus a budget on what aliases expand to.
 */
public final class GitlabCiCompiler {

    public PipelineSpec compile(String yaml, IncludeResolver includes) throws InvalidDefinitionException {
        return compile(yaml, includes, Map.of());
    }

    /**
     * @param knownVariables variables known when compiling (typically the project's predefined ones, such as
     *                       {@code CI_PROJECT_PATH}), used only to decide {@code include: rules}
     */
    public PipelineSpec compile(String yaml, IncludeResolver includes, Map<String, String> knownVariables)
            throws InvalidDefinitionException {
        return GitlabCompilation.compile(yaml, includes, knownVariables);
    }
}
