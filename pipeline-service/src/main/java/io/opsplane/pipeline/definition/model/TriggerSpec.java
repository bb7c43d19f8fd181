package io.opsplane.pipeline.definition.model;

import java.util.List;

/**
 * A child pipeline: {@code trigger: include: local} files; with {@code strategy: depend} the bridge job takes
 * the child's status, otherwise it succeeds once the child is created.
 */
public record TriggerSpec(List<String> includeLocal, boolean dependOnChild, boolean forwardYamlVariables,
        boolean forwardPipelineVariables) {
}
