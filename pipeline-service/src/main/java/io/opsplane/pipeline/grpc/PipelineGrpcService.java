package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.domain.PipelineVersion;
import io.opsplane.pipeline.service.PipelineCatalog;
import io.opsplane.pipeline.service.PipelineRegistry;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.pipeline.v1.GetPipelineRequest;
import io.opsplane.proto.pipeline.v1.ListPipelinesRequest;
import io.opsplane.proto.pipeline.v1.ListPipelinesResponse;
import io.opsplane.proto.pipeline.v1.Pipeline;
import io.opsplane.proto.pipeline.v1.PipelineSummary;
import io.opsplane.proto.pipeline.v1.PipelineService;
import io.opsplane.proto.pipeline.v1.RegisterPipelineRequest;
import io.opsplane.proto.pipeline.v1.RegisterPipelineResponse;
import io.opsplane.pipeline.runs.JobLogFollower;
import io.opsplane.pipeline.runs.RunControl;
import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.runs.RunQueries;
import io.opsplane.pipeline.runs.RunTrigger;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.proto.pipeline.v1.ArtifactPart;
import io.opsplane.proto.pipeline.v1.CancelRunRequest;
import io.opsplane.proto.pipeline.v1.DownloadRunArtifactRequest;
import io.opsplane.proto.pipeline.v1.ListArtifactsRequest;
import io.opsplane.proto.pipeline.v1.ListArtifactsResponse;
import io.opsplane.proto.pipeline.v1.FollowJobLogRequest;
import io.opsplane.proto.pipeline.v1.GetRunRequest;
import io.opsplane.proto.pipeline.v1.ListRunsRequest;
import io.opsplane.proto.pipeline.v1.ListRunsResponse;
import io.opsplane.proto.pipeline.v1.LogChunk;
import io.opsplane.proto.pipeline.v1.PlayJobRequest;
import io.opsplane.proto.pipeline.v1.RetryRunRequest;
import io.opsplane.proto.pipeline.v1.Run;
import io.opsplane.proto.pipeline.v1.TriggerRunRequest;
import io.opsplane.pipeline.sources.PipelineSources;
import io.opsplane.pipeline.sources.WebhookReceiver;
import io.opsplane.proto.pipeline.v1.GetPipelineSourceRequest;
import io.opsplane.proto.pipeline.v1.PipelineSource;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookRequest;
import io.opsplane.proto.pipeline.v1.ReceiveWebhookResponse;
import io.opsplane.proto.pipeline.v1.SetPipelineSourceRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.UUID;

/** gRPC adapter of {@link PipelineRegistry}; decides on the pipeline each request names. */
@GrpcService
public class PipelineGrpcService implements PipelineService {

    @Inject
    PipelineRegistry registry;

    @Inject
    PipelineCatalog catalog;

    @Inject
    RunLauncher launcher;

    @Inject
    RunQueries queries;

    @Inject
    RunControl control;

    @Inject
    JobLogFollower logs;

    @Inject
    io.opsplane.pipeline.artifacts.Artifacts artifacts;

    @Inject
    PipelineSources sources;

    @Inject
    WebhookReceiver webhooks;

    @Inject
    TriggerCalls triggerCalls;

    @Override
    public Uni<PipelineSource> setPipelineSource(SetPipelineSourceRequest request) {
        PipelineSource given = request.getSource();
        return Uni.createFrom().deferred(() -> {
            String caller = Callers.require("pipelines:write", ResourceRef.of("pipeline", given.getPipelineName()))
                    .subject();
            return sources.set(new PipelineSources.Spec(given.getPipelineName(), given.getRepositoryUrl(),
                    given.getBranchesList(), given.getTagsList(), given.getCredentialsSecret(),
                    given.getWebhookSecret(), given.getPollIntervalSeconds()), caller);
        }).map(PipelineGrpcService::source).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<PipelineSource> getPipelineSource(GetPipelineSourceRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("pipelines:read", ResourceRef.of("pipeline", request.getPipelineName()));
            return sources.get(request.getPipelineName());
        }).map(PipelineGrpcService::source).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ReceiveWebhookResponse> receiveWebhook(ReceiveWebhookRequest request) {
        return Uni.createFrom().deferred(() -> {
            // Only the gateway relays deliveries; the delivery itself is authenticated by its signature.
            Callers.require("pipelines:hook", ResourceRef.of("pipeline", request.getPipelineName()));
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            request.getHeadersMap().forEach((name, value) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    value));
            return webhooks.receive(request.getProvider(), request.getPipelineName(), headers,
                    request.getBody().toByteArray());
        }).map(outcome -> ReceiveWebhookResponse.newBuilder().setOutcome(outcome.outcome())
                .setDetail(outcome.detail()).setRunId(outcome.runId() == null ? "" : outcome.runId().toString())
                .build()).onFailure().transform(GrpcErrors::toStatus);
    }

    private static PipelineSource source(PipelineSources.Bound bound) {
        io.opsplane.pipeline.domain.PipelineSource source = bound.source();
        return PipelineSource.newBuilder().setPipelineName(bound.pipeline().name)
                .setRepositoryUrl(source.repositoryUrl).addAllBranches(io.opsplane.pipeline.runs.Lines.split(source.branches))
                .addAllTags(io.opsplane.pipeline.runs.Lines.split(source.tags)).setCredentialsSecret(source.credentialsSecret)
                .setWebhookSecret(source.webhookSecret).setPollIntervalSeconds(source.pollIntervalSeconds)
                .setUpdatedAt(Timestamps.of(source.updatedAt)).setUpdatedBy(source.updatedBy).build();
    }


    @Override
    public Uni<RegisterPipelineResponse> registerPipeline(RegisterPipelineRequest request) {
        return Uni.createFrom().deferred(() -> {
            // Who registers is the verified caller; a name in the request is not trusted.
            String caller = Callers.require("pipelines:write", ResourceRef.of("pipeline", request.getName())).subject();
            return registry.register(request.getName(), request.getDefinition(), caller);
        })
                .map(registration -> RegisterPipelineResponse.newBuilder()
                        .setVersion(version(registration.pipeline().name, registration.version()))
                        .setCreated(registration.created()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListPipelinesResponse> listPipelines(ListPipelinesRequest request) {
        return Uni.createFrom().deferred(() -> catalog.list(Callers.current().authority(), request.getNamePrefix(),
                request.getPageSize(), request.getPageToken())).map(page -> {
                    ListPipelinesResponse.Builder response = ListPipelinesResponse.newBuilder()
                            .setNextPageToken(page.nextPageToken());
                    page.pipelines().forEach(p -> response.addPipelines(PipelineSummary.newBuilder().setName(p.name())
                            .setCreatedAt(Timestamps.of(p.createdAt())).setLatestVersion(p.latestVersion())));
                    return response.build();
                }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Pipeline> getPipeline(GetPipelineRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("pipelines:read", ResourceRef.of("pipeline", request.getName()));
            return registry.get(request.getName());
        }).map(found -> {
            Pipeline.Builder pipeline = Pipeline.newBuilder().setName(found.pipeline().name)
                    .setCreatedAt(Timestamps.of(found.pipeline().createdAt));
            found.versions().forEach(v -> pipeline.addVersions(version(found.pipeline().name, v)));
            return pipeline.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Run> triggerRun(TriggerRunRequest request) {
        return Uni.createFrom().deferred(() -> {
            String caller = Callers.require("pipelines:run", ResourceRef.of("pipeline", request.getPipelineName()))
                    .subject();
            String ref = request.getRef().isEmpty() ? "main" : request.getRef();
            return launcher.trigger(new RunTrigger(request.getPipelineName(), request.getVersion(), "manual", ref,
                    request.getCommitSha(), request.getVariablesMap(), caller, null));
        }).map(RunMessages::summary).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Run> getRun(GetRunRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending check = Callers.later("pipelines:read");
            return queries.get(runId(request.getRunId())).invoke(detail -> check.require(pipeline(detail.run())));
        }).map(RunMessages::detail).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListRunsResponse> listRuns(ListRunsRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("pipelines:read", ResourceRef.of("pipeline", request.getPipelineName()));
            return queries.list(request.getPipelineName(), request.getPageSize(), request.getPageToken());
        }).map(page -> ListRunsResponse.newBuilder().addAllRuns(page.runs().stream().map(RunMessages::summary).toList())
                .setNextPageToken(page.nextPageToken()).build()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<Run> cancelRun(CancelRunRequest request) {
        return onRun(request.getRunId(), "pipelines:cancel", (id, caller) -> control.cancel(id));
    }

    @Override
    public Uni<Run> retryRun(RetryRunRequest request) {
        return onRun(request.getRunId(), "pipelines:run", (id, caller) -> control.retryFailed(id, caller));
    }

    @Override
    public Uni<Run> playJob(PlayJobRequest request) {
        return onRun(request.getRunId(), "pipelines:play", (id, caller) -> control.play(id, request.getJobName()));
    }

    @Override
    public Multi<LogChunk> followJobLog(FollowJobLogRequest request) {
        return Multi.createFrom().deferred(() -> {
            Callers.Pending check = Callers.later("pipelines:read");
            UUID id = runId(request.getRunId());
            return Multi.createFrom().uni(queries.get(id).invoke(detail -> check.require(pipeline(detail.run()))))
                    .onItem().transformToMultiAndConcatenate(detail -> logs.follow(id, request.getJobName(),
                            request.getAttempt(), request.getOffset(), request.getFollow()))
                    .map(piece -> LogChunk.newBuilder().setOffset(piece.offset()).setAttempt(piece.attempt())
                            .setData(com.google.protobuf.ByteString.copyFrom(piece.data())).setComplete(piece.complete())
                            .build());
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListArtifactsResponse> listArtifacts(ListArtifactsRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending check = Callers.later("pipelines:read");
            UUID id = runId(request.getRunId());
            return queries.get(id).invoke(detail -> check.require(pipeline(detail.run())))
                    .flatMap(detail -> artifacts.ofRun(id));
        }).map(list -> ListArtifactsResponse.newBuilder().addAllArtifacts(list.stream().map(ArtifactMessages::info)
                .toList()).build()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Multi<ArtifactPart> downloadRunArtifact(DownloadRunArtifactRequest request) {
        return Multi.createFrom().deferred(() -> {
            Callers.Pending check = Callers.later("pipelines:read");
            UUID id = runId(request.getRunId());
            return Multi.createFrom().uni(queries.get(id).invoke(detail -> check.require(pipeline(detail.run())))
                    .flatMap(detail -> artifacts.latest(id, request.getJobName())))
                    .onItem().transformToMultiAndConcatenate(artifact -> ArtifactMessages.parts(artifacts.store(),
                            artifact));
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    /** Decides on the run's pipeline once the run is found, then acts and answers with the whole run. */
    private Uni<Run> onRun(String runId, String permission,
            java.util.function.BiFunction<UUID, String, Uni<io.opsplane.pipeline.domain.PipelineRun>> action) {
        return Uni.createFrom().deferred(() -> {
            Callers.Pending check = Callers.later(permission);
            UUID id = runId(runId);
            return queries.get(id).flatMap(detail -> {
                String caller = check.require(pipeline(detail.run())).subject();
                return action.apply(id, caller);
            }).flatMap(changed -> queries.get(id));
        }).map(RunMessages::detail).onFailure().transform(GrpcErrors::toStatus);
    }

    private static ResourceRef pipeline(io.opsplane.pipeline.domain.PipelineRun run) {
        return ResourceRef.of("pipeline", run.pipelineName);
    }

    private static UUID runId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("run_id is not a run id: '" + value + "'");
        }
    }

    private static io.opsplane.proto.pipeline.v1.PipelineVersion version(String name, PipelineVersion version) {
        return io.opsplane.proto.pipeline.v1.PipelineVersion.newBuilder().setPipelineName(name)
                .setVersion(version.version).setSha256(version.sha256).setDefinition(version.definition)
                .setRegisteredBy(version.registeredBy)
                .setRegisteredAt(Timestamps.of(version.registeredAt)).build();
    }
    @Override
    public Uni<io.opsplane.proto.pipeline.v1.PipelineSchedule> createSchedule(
            io.opsplane.proto.pipeline.v1.CreateScheduleRequest request) {
        return triggerCalls.createSchedule(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.PipelineSchedule> updateSchedule(
            io.opsplane.proto.pipeline.v1.UpdateScheduleRequest request) {
        return triggerCalls.updateSchedule(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.DeleteTriggerResponse> deleteSchedule(
            io.opsplane.proto.pipeline.v1.ScheduleRequest request) {
        return triggerCalls.deleteSchedule(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.PipelineSchedule> getSchedule(
            io.opsplane.proto.pipeline.v1.ScheduleRequest request) {
        return triggerCalls.getSchedule(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.ListSchedulesResponse> listSchedules(
            io.opsplane.proto.pipeline.v1.ListSchedulesRequest request) {
        return triggerCalls.listSchedules(request);
    }

    @Override
    public Uni<Run> runScheduleNow(io.opsplane.proto.pipeline.v1.ScheduleRequest request) {
        return triggerCalls.runScheduleNow(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.EventTrigger> createEventTrigger(
            io.opsplane.proto.pipeline.v1.CreateEventTriggerRequest request) {
        return triggerCalls.createEventTrigger(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.EventTrigger> updateEventTrigger(
            io.opsplane.proto.pipeline.v1.UpdateEventTriggerRequest request) {
        return triggerCalls.updateEventTrigger(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.DeleteTriggerResponse> deleteEventTrigger(
            io.opsplane.proto.pipeline.v1.EventTriggerRequest request) {
        return triggerCalls.deleteEventTrigger(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.EventTrigger> getEventTrigger(
            io.opsplane.proto.pipeline.v1.EventTriggerRequest request) {
        return triggerCalls.getEventTrigger(request);
    }

    @Override
    public Uni<io.opsplane.proto.pipeline.v1.ListEventTriggersResponse> listEventTriggers(
            io.opsplane.proto.pipeline.v1.ListEventTriggersRequest request) {
        return triggerCalls.listEventTriggers(request);
    }
}
