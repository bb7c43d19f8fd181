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
 * <p>Every file is read through {@link SafeYaml} (size, nesting, recursive aliases, one document) and then walked
 * with a budget on what aliases expand to; duplicate keys, tags other than the standard ones and {@code !reference},
 * a top level that is not a mapping and top-level keys that are not strings are refused.
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
