package io.opsplane.gateway.rest;

import io.opsplane.proto.pipeline.v1.PipelineSource;
import java.time.Instant;
import java.util.List;

/** The JSON forms of a pipeline's git source and of a webhook delivery's outcome. */
public final class SourceViews {

    private SourceViews() {
    }

    /** The source as set: the webhook secret is named here; its value is written with the secrets API. */
    public record SetSource(String repositoryUrl, List<String> branches, List<String> tags, String credentialsSecret,
            String webhookSecret, Integer pollIntervalSeconds) {
    }

    public record Source(String pipelineName, String repositoryUrl, List<String> branches, List<String> tags,
            String credentialsSecret, String webhookSecret, int pollIntervalSeconds, Instant updatedAt,
            String updatedBy) {
        static Source of(PipelineSource s) {
            return new Source(s.getPipelineName(), s.getRepositoryUrl(), s.getBranchesList(), s.getTagsList(),
                    s.getCredentialsSecret(), s.getWebhookSecret(), s.getPollIntervalSeconds(),
                    Instant.ofEpochSecond(s.getUpdatedAt().getSeconds(), s.getUpdatedAt().getNanos()),
                    s.getUpdatedBy());
        }
    }

    /** started (a run of the pushed commit), duplicate (a delivery id seen before) or ignored. */
    public record Delivery(String outcome, String detail, String runId) {
    }
}
