package io.opsplane.pipeline.definition.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One runnable job after {@code extends}, {@code default} and {@code parallel} expansion.
 *
 * @param name           the job's name; a {@code parallel} job expands to {@code "name 1/3"} or
 *                       {@code "name: [a, b]"} as GitLab names them
 * @param stage          its stage (default {@code test})
 * @param variables      the job's own variables and its matrix values; the global ones are in
 *                       {@link PipelineSpec#variables()}, filtered by {@code inheritedVariables}
 * @param allowFailure   as written, else GitLab's default: true for a job-level {@code when: manual}, false
 *                       otherwise (a rule's {@code allow_failure} replaces it when the rule matches)
 * @param needs          empty: classic stage ordering; {@code Optional.of(List.of())}: {@code needs: []}
 * @param dependencies   jobs whose artifacts are downloaded; empty: every earlier job's (GitLab's default)
 * @param rules          {@code rules:}, evaluated per run; mutually exclusive with only/except
 * @param when           {@code when:} (after rules, the rule's own {@code when} wins)
 * @param startIn        for {@code when: delayed}
 * @param timeout        empty: the pipeline's default
 * @param trigger        present for a child-pipeline (bridge) job, which has no script
 * @param matrix         the variables of this expansion of {@code parallel: matrix}, already in {@code variables}
 * @param parallelIndex  1-based index within {@code parallel: N} (CI_NODE_INDEX), 0 when not parallel
 * @param parallelTotal  CI_NODE_TOTAL, 0 when not parallel
 * @param line           1-based line of the job's key in the document, for messages
 * @param inheritedVariables which global variables the job receives ({@code inherit: variables:})
 * @param rawVariables   names among {@code variables} whose values must not be expanded ({@code expand: false})
 * @param secrets        variable name → name of a secret of the pipeline's scope ({@code secrets: X: opsplane: name})
 */
public record JobSpec(String name, String stage, List<String> beforeScript, List<String> script,
        List<String> afterScript, Map<String, String> variables, List<RuleSpec> rules, Optional<OnlyExceptSpec> only,
        Optional<OnlyExceptSpec> except, When when, Duration startIn, AllowFailureSpec allowFailure, RetrySpec retry,
        Optional<Duration> timeout, Optional<List<NeedSpec>> needs, Optional<List<String>> dependencies,
        Optional<ArtifactsSpec> artifacts, List<CacheSpec> cache, String resourceGroup, boolean interruptible,
        Optional<EnvironmentSpec> environment, List<String> tags, String coverage, Optional<TriggerSpec> trigger,
        String image, List<String> services, Map<String, String> matrix, int parallelIndex, int parallelTotal,
        int line, InheritedVariables inheritedVariables, Set<String> rawVariables, Map<String, String> secrets) {
}
