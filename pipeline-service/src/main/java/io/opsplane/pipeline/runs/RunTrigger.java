package io.opsplane.pipeline.runs;

import java.util.Map;
import java.util.UUID;

/**
 * What starts a run.
 *
 * @param kind        manual, webhook, schedule, event, poll, parent_pipeline
 * @param ref         a branch name, {@code refs/heads/<branch>} or {@code refs/tags/<tag>}
 * @param version     0: the latest version
 * @param parentRunId the run that started this one (child pipelines), or null
 */
public record RunTrigger(String pipelineName, int version, String kind, String ref, String commitSha,
        Map<String, String> variables, String triggeredBy, UUID parentRunId) {

    public RunTrigger {
        variables = Map.copyOf(variables);
    }

    /** GitLab's CI_PIPELINE_SOURCE for this kind of trigger. */
    String pipelineSource() {
        return switch (kind) {
            case "webhook", "poll" -> "push";
            case "schedule" -> "schedule";
            case "event" -> "trigger";
            case "parent_pipeline" -> "parent_pipeline";
            default -> "api";
        };
    }

    boolean isTag() {
        return ref.startsWith("refs/tags/");
    }

    /** The branch or tag name without its {@code refs/...} prefix. */
    String refName() {
        if (ref.startsWith("refs/tags/")) {
            return ref.substring("refs/tags/".length());
        }
        if (ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        return ref;
    }
}
