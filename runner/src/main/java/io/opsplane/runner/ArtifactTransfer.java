package io.opsplane.runner;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.proto.pipeline.v1.ArtifactHeader;
import io.opsplane.proto.pipeline.v1.ArtifactInfo;
import io.opsplane.proto.pipeline.v1.ArtifactPart;
import io.opsplane.proto.pipeline.v1.ArtifactsInstruction;
import io.opsplane.proto.pipeline.v1.DownloadArtifactRequest;
import io.opsplane.proto.pipeline.v1.JobAssignment;
import io.opsplane.proto.pipeline.v1.RunnerService;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.RunnerServiceBlockingStub;
import io.opsplane.runner.artifacts.ArtifactArchive;
import io.opsplane.runner.executor.ExecutionResult;
import io.opsplane.runner.executor.FailureReasons;
import io.opsplane.runner.executor.Outcome;
import io.smallrye.mutiny.Multi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * Moves a job's artifacts: before the script, the archives of the jobs it depends on are downloaded (outside
 * the workspace) and extracted into it; after, the files its {@code artifacts:} select are archived and uploaded.
 * An archive with an entry reaching outside the workspace fails the job with data_integrity_failure.
 */
final class ArtifactTransfer {

    static final String DATA_INTEGRITY_FAILURE = "data_integrity_failure";
    private static final int CHUNK = 64 * 1024;

    private final RunnerServiceBlockingStub runners;
    private final RunnerService uploads;
    private final Path scratch;

    ArtifactTransfer(RunnerServiceBlockingStub runners, RunnerService uploads, Path scratch) {
        this.runners = runners;
        this.uploads = uploads;
        this.scratch = scratch;
    }

    /** Downloads and extracts the upstream artifacts; a failure result when the job must not run. */
    ExecutionResult fetch(JobAssignment job, Path workspace, LogShipper log) throws IOException {
        for (String upstream : job.getDependenciesList()) {
            log.notice("Downloading artifacts for " + upstream + " ...");
            Path archive = Files.createDirectories(scratch).resolve(job.getAttemptId() + "-download.tar.gz");
            try {
                if (!download(job, upstream, archive, log)) {
                    continue;
                }
                try (InputStream in = Files.newInputStream(archive)) {
                    int entries = ArtifactArchive.extract(in, workspace, log::notice);
                    log.notice("Downloaded and extracted artifacts of " + upstream + " (" + entries + " entries)");
                } catch (ArtifactArchive.UnsafeEntryException e) {
                    log.notice("ERROR: Downloading artifacts for " + upstream + " failed: " + e.getMessage()
                            + " (an archive may only write inside the job's workspace)");
                    return new ExecutionResult(Outcome.SYSTEM_FAILURE, -1, Duration.ZERO, DATA_INTEGRITY_FAILURE,
                            false);
                }
            } finally {
                Files.deleteIfExists(archive);
            }
        }
        return null;
    }

    private boolean download(JobAssignment job, String upstream, Path archive, LogShipper log) throws IOException {
        try {
            Iterator<ArtifactPart> parts = runners.withDeadlineAfter(30, TimeUnit.MINUTES).downloadArtifact(
                    DownloadArtifactRequest.newBuilder().setAttemptId(job.getAttemptId())
                            .setFencingToken(job.getFencingToken()).setJobName(upstream).build());
            ArtifactHeader header = parts.next().getHeader();
            MessageDigest digest = sha256();
            long size = 0;
            try (OutputStream out = Files.newOutputStream(archive)) {
                while (parts.hasNext()) {
                    byte[] data = parts.next().getData().toByteArray();
                    digest.update(data);
                    out.write(data);
                    size += data.length;
                }
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            if (size != header.getSize() || !sha.equals(header.getSha256())) {
                throw new IOException("the artifacts of " + upstream + " arrived damaged (" + size + " bytes, SHA-256 "
                        + sha + ")");
            }
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                log.notice("WARNING: " + upstream + " has no artifacts to download: "
                        + e.getStatus().getDescription());
                return false;
            }
            throw new IOException("downloading the artifacts of " + upstream + " failed: " + e.getStatus(), e);
        }
    }

    /** Whether {@code artifacts:when} asks for an upload after this result. */
    static boolean wanted(ArtifactsInstruction artifacts, ExecutionResult result) {
        if (result.outcome() == Outcome.CANCELED) {
            return false;
        }
        boolean success = result.outcome() == Outcome.SUCCESS;
        return switch (artifacts.getWhen()) {
            case "always" -> true;
            case "on_failure" -> !success;
            default -> success;
        };
    }

    /** Collects and uploads the job's artifacts when its result asks for it; the result, failed if that failed. */
    ExecutionResult upload(JobAssignment job, Path workspace, LogShipper log, ExecutionResult result) {
        ArtifactsInstruction artifacts = job.getArtifacts();
        if (!wanted(artifacts, result)) {
            return result;
        }
        log.notice("Uploading artifacts...");
        Path archive = scratch.resolve(job.getAttemptId() + "-upload.tar.gz");
        try {
            ArtifactArchive.Selection selection = ArtifactArchive.select(workspace, artifacts.getPathsList(),
                    artifacts.getExcludeList(), artifacts.getUntracked());
            selection.warnings().forEach(log::notice);
            if (selection.files().isEmpty()) {
                log.notice("ERROR: No files to upload");
                return result;
            }
            Files.createDirectories(scratch);
            int count;
            try (OutputStream out = Files.newOutputStream(archive)) {
                count = ArtifactArchive.write(workspace, selection.files(), out);
            }
            String sha;
            try (InputStream in = new DigestInputStream(Files.newInputStream(archive), sha256())) {
                in.transferTo(OutputStream.nullOutputStream());
                sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            }
            long size = Files.size(archive);
            ArtifactPart header = ArtifactPart.newBuilder().setHeader(ArtifactHeader.newBuilder()
                    .setAttemptId(job.getAttemptId()).setFencingToken(job.getFencingToken())
                    .setName(artifacts.getName().isEmpty() ? "artifacts" : artifacts.getName()).setSize(size)
                    .setSha256(sha).setFileCount(count)).build();
            ArtifactInfo stored = uploads.uploadArtifact(Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(header), chunks(archive))).await().atMost(Duration.ofMinutes(30));
            log.notice(count + " files and directories found; uploading artifacts as \"archive\" (tar.gz, "
                    + stored.getSize() + " bytes, sha256 " + stored.getSha256() + ")");
            log.notice("Uploading artifacts... ok");
            return result;
        } catch (IOException | RuntimeException e) {
            String why = e instanceof StatusRuntimeException status ? String.valueOf(status.getStatus().getDescription())
                    : e.getMessage();
            log.notice("ERROR: Uploading artifacts failed: " + why);
            return result.outcome() == Outcome.SUCCESS ? new ExecutionResult(Outcome.SYSTEM_FAILURE, result.exitCode(),
                    result.duration(), FailureReasons.RUNNER_SYSTEM_FAILURE, result.logTruncated()) : result;
        } finally {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException ignored) {
                // left in the scratch folder
            }
        }
    }

    private static Multi<ArtifactPart> chunks(Path archive) {
        return Multi.createFrom().resource(() -> open(archive), in -> Multi.createFrom()
                .<InputStream, ArtifactPart>generator(() -> in, (stream, emitter) -> {
                    try {
                        byte[] chunk = stream.readNBytes(CHUNK);
                        if (chunk.length == 0) {
                            emitter.complete();
                        } else {
                            emitter.emit(ArtifactPart.newBuilder().setData(ByteString.copyFrom(chunk)).build());
                        }
                    } catch (IOException e) {
                        emitter.fail(new UncheckedIOException(e));
                    }
                    return stream;
                })).withFinalizer(in -> {
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                });
    }

    private static InputStream open(Path archive) {
        try {
            return Files.newInputStream(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
