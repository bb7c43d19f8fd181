package io.opsplane.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.google.protobuf.Timestamp;
import io.opsplane.proto.pipeline.v1.Job;
import io.opsplane.proto.pipeline.v1.JobAttempt;
import io.opsplane.proto.pipeline.v1.ListRunnersResponse;
import io.opsplane.proto.pipeline.v1.ListRunsResponse;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.RunnerInfo;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON bodies of pipeline runs, their jobs and the runners. Times are ISO-8601; a time not reached yet is absent. */
public final class RunViews {

    private RunViews() {
    }

    /** The body of {@code POST /pipelines/{name}/runs}; every field may be left out, and so may the body. */
    public record TriggerRun(
            @Schema(description = "Branch or tag (CI_COMMIT_REF_NAME); main when absent") String ref,
            @Schema(description = "The commit (CI_COMMIT_SHA); absent when the pipeline has no repository")
            String commitSha,
            @Schema(description = "Variables of this run; they override the definition's")
            @JsonSetter(contentNulls = Nulls.FAIL) @JsonDeserialize(contentUsing = StrictString.class)
            Map<String, String> variables,
            @Schema(description = "The version to run; the latest when absent or 0") Integer version) {
    }

    /** The optional body of {@code POST /runs/{id}/jobs/{job}/play}. */
    public record PlayJob(
            @Schema(description = "Variables for this job only")
            @JsonSetter(contentNulls = Nulls.FAIL) @JsonDeserialize(contentUsing = StrictString.class)
            Map<String, String> variables) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunView(String id, String pipelineName, int version,
            @Schema(description = "created, pending, running, success, failed, canceled, skipped or manual") String status,
            @Schema(description = "manual, webhook, schedule, event, poll, retry or parent_pipeline") String trigger,
            String ref, String commitSha, String triggeredBy, String correlationId, Instant createdAt,
            Instant startedAt, Instant finishedAt, List<String> stages,
            @Schema(description = "Accepted but ignored keywords") List<String> warnings,
            @Schema(description = "In definition order; empty in listings") List<JobView> jobs) {
        static RunView of(Run r) {
            return new RunView(r.getId(), r.getPipelineName(), r.getVersion(), r.getStatus(), r.getTrigger(), r.getRef(),
                    Views.blankToNull(r.getCommitSha()), Views.blankToNull(r.getTriggeredBy()),
                    Views.blankToNull(r.getCorrelationId()), time(r.hasCreatedAt(), r.getCreatedAt()),
                    time(r.hasStartedAt(), r.getStartedAt()), time(r.hasFinishedAt(), r.getFinishedAt()),
                    r.getStagesList(), r.getWarningsList(), r.getJobsList().stream().map(JobView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobView(String name, String stage,
            @Schema(description = "created, waiting_for_resource, scheduled, manual, pending, running, success, failed, "
                    + "canceled or skipped") String status,
            String when, boolean allowFailure,
            @Schema(description = "The job failed and its failure is allowed") boolean failureAllowed,
            List<String> needs,
            @Schema(description = "False: classic stage ordering") boolean needsDeclared, String resourceGroup,
            List<String> tags, JobEnvironmentView environment, Instant scheduledAt, List<AttemptView> attempts) {
        static JobView of(Job j) {
            return new JobView(j.getName(), j.getStage(), j.getStatus(), j.getWhen(), j.getAllowFailure(),
                    j.getFailureAllowed(), j.getNeedsList(), j.getNeedsDeclared(), Views.blankToNull(j.getResourceGroup()),
                    j.getTagsList(), j.hasEnvironment() && !j.getEnvironment().getName().isEmpty()
                            ? new JobEnvironmentView(j.getEnvironment().getName(),
                                    Views.blankToNull(j.getEnvironment().getUrl()),
                                    Views.blankToNull(j.getEnvironment().getAction()))
                            : null,
                    time(j.hasScheduledAt(), j.getScheduledAt()), j.getAttemptsList().stream().map(AttemptView::of).toList());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JobEnvironmentView(String name, String url, String action) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(int number, String status, String runnerId, Integer exitCode,
            @Schema(description = "script_failure, job_execution_timeout, runner_system_failure, ...") String failureReason,
            Instant queuedAt, Instant startedAt, Instant finishedAt, long logBytes) {
        static AttemptView of(JobAttempt a) {
            return new AttemptView(a.getNumber(), a.getStatus(), Views.blankToNull(a.getRunnerId()),
                    a.hasFinishedAt() ? a.getExitCode() : null, Views.blankToNull(a.getFailureReason()),
                    time(a.hasQueuedAt(), a.getQueuedAt()), time(a.hasStartedAt(), a.getStartedAt()),
                    time(a.hasFinishedAt(), a.getFinishedAt()), a.getLogBytes());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunPage(List<RunView> runs, String nextPageToken) {
        static RunPage of(ListRunsResponse page) {
            return new RunPage(page.getRunsList().stream().map(RunView::of).toList(),
                    Views.blankToNull(page.getNextPageToken()));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RunnerView(String id, String name, List<String> tags,
            @Schema(description = "Whether it takes jobs without tags") boolean runUntagged,
            @Schema(description = "shell or sandbox") String executor,
            @Schema(description = "A paused runner gets no new jobs") boolean paused, Instant lastSeenAt,
            int runningJobs, String version) {
        static RunnerView of(RunnerInfo r) {
            return new RunnerView(r.getRunnerId(), r.getName(), r.getTagsList(), r.getRunUntagged(), r.getExecutor(),
                    r.getPaused(), time(r.hasLastSeenAt(), r.getLastSeenAt()), r.getRunningJobs(),
                    Views.blankToNull(r.getVersion()));
        }
    }

    public record RunnerList(List<RunnerView> runners) {
        static RunnerList of(ListRunnersResponse list) {
            return new RunnerList(list.getRunnersList().stream().map(RunnerView::of).toList());
        }
    }

    @Schema(name = "Artifact", description = "The artifacts archive (gzip-compressed tar) a job's attempt uploaded")
    public record ArtifactView(String jobName, int attempt, String attemptId, String name, String sha256,
            long size, int fileCount, Instant createdAt,
            @Schema(description = "Absent when it never expires") Instant expiresAt) {

        static ArtifactView of(io.opsplane.proto.pipeline.v1.ArtifactInfo a) {
            return new ArtifactView(a.getJobName(), a.getAttempt(), a.getAttemptId(), a.getName(), a.getSha256(),
                    a.getSize(), a.getFileCount(), Views.instant(a.getCreatedAt()),
                    time(a.hasExpiresAt(), a.getExpiresAt()));
        }
    }

    @Schema(name = "ArtifactList")
    public record ArtifactList(List<ArtifactView> artifacts) {

        static ArtifactList of(io.opsplane.proto.pipeline.v1.ListArtifactsResponse list) {
            return new ArtifactList(list.getArtifactsList().stream().map(ArtifactView::of).toList());
        }
    }

    private static Instant time(boolean set, Timestamp t) {
        return set ? Views.instant(t) : null;
    }

    /**
     * A JSON string and nothing else: a number, boolean, array or object where a variable's value belongs is
     * a 400 naming the variable, not a value silently turned into text.
     */
    public static final class StrictString extends StdScalarDeserializer<String> {

        public StrictString() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                return parser.getText();
            }
            return (String) context.handleUnexpectedToken(String.class, parser);
        }
    }
}
