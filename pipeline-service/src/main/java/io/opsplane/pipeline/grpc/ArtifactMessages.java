package io.opsplane.pipeline.grpc;

import com.google.protobuf.ByteString;
import io.opsplane.pipeline.artifacts.ArtifactStore;
import io.opsplane.pipeline.domain.JobArtifact;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.pipeline.v1.ArtifactHeader;
import io.opsplane.proto.pipeline.v1.ArtifactInfo;
import io.opsplane.proto.pipeline.v1.ArtifactPart;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Artifact records as messages, and an archive as a stream of parts (header, then bytes read on a worker). */
final class ArtifactMessages {

    static final String FORMAT = "tar.gz";
    private static final int CHUNK = 64 * 1024;

    private ArtifactMessages() {
    }

    static ArtifactInfo info(JobArtifact artifact) {
        ArtifactInfo.Builder info = ArtifactInfo.newBuilder().setRunId(artifact.runId.toString())
                .setJobName(artifact.jobName).setAttemptId(artifact.attemptId.toString()).setAttempt(artifact.attempt)
                .setName(artifact.name).setSha256(artifact.sha256).setSize(artifact.size)
                .setFileCount(artifact.fileCount).setCreatedAt(Timestamps.of(artifact.createdAt));
        if (artifact.expiresAt != null) {
            info.setExpiresAt(Timestamps.of(artifact.expiresAt));
        }
        return info.build();
    }

    static Multi<ArtifactPart> parts(ArtifactStore store, JobArtifact artifact) {
        ArtifactPart header = ArtifactPart.newBuilder().setHeader(ArtifactHeader.newBuilder()
                .setAttemptId(artifact.attemptId.toString()).setName(artifact.name).setSize(artifact.size)
                .setSha256(artifact.sha256).setFileCount(artifact.fileCount).setJobName(artifact.jobName)
                .setFormat(FORMAT)).build();
        Multi<ArtifactPart> bytes = Multi.createFrom().resource(() -> open(store, artifact),
                in -> Multi.createFrom().<InputStream, ArtifactPart>generator(() -> in, (stream, emitter) -> {
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
                })).withFinalizer(ArtifactMessages::closeQuietly)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(header), bytes);
    }

    private static InputStream open(ArtifactStore store, JobArtifact artifact) {
        try {
            return store.open(artifact.sha256).orElseThrow(() -> DomainException.notFound("the artifacts of job '"
                    + artifact.jobName + "' are no longer stored"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
