package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.artifacts.Artifacts;
import io.opsplane.pipeline.domain.Runner;
import io.opsplane.pipeline.runs.AttemptResults;
import io.opsplane.pipeline.runs.RunnerDirectory;
import io.opsplane.pipeline.runs.RunnerProtocol;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.auth.Callers;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.GrpcErrors;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.pipeline.v1.AcquireJobRequest;
import io.opsplane.proto.pipeline.v1.AcquireJobResponse;
import io.opsplane.proto.pipeline.v1.AppendLogRequest;
import io.opsplane.proto.pipeline.v1.AppendLogResponse;
import io.opsplane.proto.pipeline.v1.ArtifactInfo;
import io.opsplane.proto.pipeline.v1.ArtifactPart;
import io.opsplane.proto.pipeline.v1.CompleteJobRequest;
import io.opsplane.proto.pipeline.v1.DownloadArtifactRequest;
import io.opsplane.proto.pipeline.v1.CompleteJobResponse;
import io.opsplane.proto.pipeline.v1.ListRunnersRequest;
import io.opsplane.proto.pipeline.v1.ListRunnersResponse;
import io.opsplane.proto.pipeline.v1.RegisterRunnerRequest;
import io.opsplane.proto.pipeline.v1.RegisteredRunner;
import io.opsplane.proto.pipeline.v1.RenewLeaseRequest;
import io.opsplane.proto.pipeline.v1.RenewLeaseResponse;
import io.opsplane.proto.pipeline.v1.RunnerInfo;
import io.opsplane.proto.pipeline.v1.RunnerService;
import io.opsplane.proto.pipeline.v1.SetRunnerPausedRequest;
import io.opsplane.pipeline.runs.RunnerLease;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** gRPC adapter of the runner protocol and the runner directory. */
@GrpcService
public class RunnerGrpcService implements RunnerService {

    private static final ResourceRef RUNNERS = ResourceRef.of("runner", "*");

    @Inject
    RunnerProtocol protocol;

    @Inject
    RunnerDirectory directory;

    @Inject
    RunnerLease lease;

    @Inject
    Artifacts artifacts;

    @Override
    public Uni<RegisteredRunner> registerRunner(RegisterRunnerRequest request) {
        return Uni.createFrom().deferred(() -> {
            String by = Callers.require("runners:run", ResourceRef.GLOBAL).subject();
            return protocol.register(request.getName(), request.getTagsList(), request.getRunUntagged(),
                    request.getExecutor(), request.getVersion(), request.getConcurrency(), by);
        }).map(runner -> RegisteredRunner.newBuilder().setRunnerId(runner.id.toString())
                .setLeaseMillis((int) lease.lease().toMillis())
                .setHeartbeatMillis((int) lease.lease().toMillis() / 3).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<AcquireJobResponse> acquireJob(AcquireJobRequest request) {
        io.grpc.Context call = io.grpc.Context.current();
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:run", ResourceRef.GLOBAL);
            return protocol.acquire(uuid(request.getRunnerId(), "runner_id"),
                    Duration.ofMillis(Math.max(0, request.getWaitMillis())), () -> !call.isCancelled());
        }).map(acquired -> acquired == null ? AcquireJobResponse.getDefaultInstance()
                : AcquireJobResponse.newBuilder().setJob(acquired.assignment()).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<RenewLeaseResponse> renewLease(RenewLeaseRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:run", ResourceRef.GLOBAL);
            return protocol.renew(uuid(request.getAttemptId(), "attempt_id"), request.getFencingToken());
        }).map(attempt -> RenewLeaseResponse.newBuilder().setCancelRequested(attempt.cancelRequested)
                .setLeaseExpiresAt(Timestamps.of(attempt.leaseExpiresAt)).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<AppendLogResponse> appendLog(AppendLogRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:run", ResourceRef.GLOBAL);
            return protocol.appendLog(uuid(request.getAttemptId(), "attempt_id"), request.getFencingToken(),
                    request.getOffset(), request.getData().toByteArray());
        }).map(attempt -> AppendLogResponse.newBuilder().setNextOffset(attempt.logBytes)
                .setCancelRequested(attempt.cancelRequested).build())
                .onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<CompleteJobResponse> completeJob(CompleteJobRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:run", ResourceRef.GLOBAL);
            return protocol.complete(uuid(request.getAttemptId(), "attempt_id"), request.getFencingToken(),
                    new AttemptResults.Result(request.getOutcome(), request.getExitCode(), request.getFailureReason(),
                            request.getLogTruncated()),
                    new RunnerProtocol.LogTail(request.getLogOffset(), request.getLogTail().toByteArray()));
        }).replaceWith(CompleteJobResponse.getDefaultInstance()).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ArtifactInfo> uploadArtifact(Multi<ArtifactPart> request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:run", ResourceRef.GLOBAL);
            ArtifactUpload upload = new ArtifactUpload(artifacts);
            // Blocking work (files, waiting for the database) on a worker, never on the event loop.
            return request.emitOn(Infrastructure.getDefaultWorkerPool()).collect()
                    .in(() -> upload, ArtifactUpload::accept).map(ArtifactUpload::finish)
                    .onTermination().invoke(upload::close);
        }).map(ArtifactMessages::info).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Multi<ArtifactPart> downloadArtifact(DownloadArtifactRequest request) {
        return Multi.createFrom().deferred(() -> {
            Callers.require("runners:run", ResourceRef.GLOBAL);
            UUID attemptId = uuid(request.getAttemptId(), "attempt_id");
            return Multi.createFrom().uni(artifacts.forDownload(attemptId, request.getFencingToken(),
                    request.getJobName())).onItem().transformToMultiAndConcatenate(artifact ->
                            ArtifactMessages.parts(artifacts.store(), artifact));
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<ListRunnersResponse> listRunners(ListRunnersRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:read", RUNNERS);
            return directory.list();
        }).map(listed -> {
            ListRunnersResponse.Builder response = ListRunnersResponse.newBuilder();
            listed.runners().forEach(runner -> response.addRunners(info(runner, listed.runningJobs())));
            return response.build();
        }).onFailure().transform(GrpcErrors::toStatus);
    }

    @Override
    public Uni<RunnerInfo> setRunnerPaused(SetRunnerPausedRequest request) {
        return Uni.createFrom().deferred(() -> {
            Callers.require("runners:manage", RUNNERS);
            return directory.setPaused(uuid(request.getRunnerId(), "runner_id"), request.getPaused());
        }).map(runner -> info(runner, Map.of())).onFailure().transform(GrpcErrors::toStatus);
    }

    static RunnerInfo info(Runner runner, Map<UUID, Integer> runningJobs) {
        return RunnerInfo.newBuilder().setRunnerId(runner.id.toString()).setName(runner.name)
                .addAllTags(io.opsplane.pipeline.runs.Lines.splitTags(runner.tags))
                .setRunUntagged(runner.runUntagged).setExecutor(runner.executor).setPaused(runner.paused)
                .setLastSeenAt(Timestamps.of(runner.lastSeenAt)).setVersion(runner.version)
                .setRunningJobs(runningJobs.getOrDefault(runner.id, 0)).build();
    }

    static UUID uuid(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field + " is not an id: '" + value + "'");
        }
    }
}
