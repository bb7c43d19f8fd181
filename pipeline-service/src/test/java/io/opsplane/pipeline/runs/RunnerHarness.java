package io.opsplane.pipeline.runs;

import com.google.protobuf.ByteString;
import io.opsplane.proto.pipeline.v1.AcquireJobRequest;
import io.opsplane.proto.pipeline.v1.AppendLogRequest;
import io.opsplane.proto.pipeline.v1.AppendLogResponse;
import io.opsplane.proto.pipeline.v1.CompleteJobRequest;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.opsplane.proto.pipeline.v1.RegisterRunnerRequest;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.RunnerServiceBlockingStub;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Plays a runner against pipeline-service's real runner protocol, one call at a time, as a test decides. */
final class RunnerHarness {

    private final RunnerServiceBlockingStub runners;
    final String runnerId;

    RunnerHarness(RunnerServiceBlockingStub runners, List<String> tags, boolean runUntagged) {
        this.runners = runners;
        this.runnerId = runners.registerRunner(RegisterRunnerRequest.newBuilder()
                .setName("test-runner-" + UUID.randomUUID().toString().substring(0, 8)).addAllTags(tags)
                .setRunUntagged(runUntagged).setExecutor("shell").setConcurrency(1).build()).getRunnerId();
    }

    /** The next job, or null when none came within {@code waitMillis}. */
    JobAssignment acquire(int waitMillis) {
        var response = runners.acquireJob(AcquireJobRequest.newBuilder().setRunnerId(runnerId)
                .setWaitMillis(waitMillis).build());
        return response.hasJob() ? response.getJob() : null;
    }

    AppendLogResponse log(JobAssignment job, long offset, String text) {
        return runners.appendLog(AppendLogRequest.newBuilder().setAttemptId(job.getAttemptId())
                .setFencingToken(job.getFencingToken()).setOffset(offset)
                .setData(ByteString.copyFrom(text, StandardCharsets.UTF_8)).build());
    }

    void succeed(JobAssignment job) {
        complete(job, "success", 0, "");
    }

    void fail(JobAssignment job, int exitCode) {
        complete(job, "failed", exitCode, "script_failure");
    }

    /** A success whose result carries the log's last bytes, at {@code offset}. */
    void succeedWithLogTail(JobAssignment job, long offset, String tail) {
        runners.completeJob(CompleteJobRequest.newBuilder().setAttemptId(job.getAttemptId())
                .setFencingToken(job.getFencingToken()).setOutcome("success").setDurationMillis(5)
                .setLogOffset(offset).setLogTail(ByteString.copyFrom(tail, StandardCharsets.UTF_8)).build());
    }

    void complete(JobAssignment job, String outcome, int exitCode, String reason) {
        runners.completeJob(CompleteJobRequest.newBuilder().setAttemptId(job.getAttemptId())
                .setFencingToken(job.getFencingToken()).setOutcome(outcome).setExitCode(exitCode)
                .setFailureReason(reason).setDurationMillis(5).build());
    }
}
