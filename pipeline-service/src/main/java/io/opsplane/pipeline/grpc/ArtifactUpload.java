package io.opsplane.pipeline.grpc;

import io.opsplane.pipeline.artifacts.ArtifactStore;
import io.opsplane.pipeline.artifacts.Artifacts;
import io.opsplane.pipeline.domain.JobArtifact;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.proto.pipeline.v1.ArtifactHeader;
import io.opsplane.proto.pipeline.v1.ArtifactPart;
import io.quarkus.vertx.VertxContextSupport;
import java.io.IOException;
import java.util.UUID;

/**
 * One UploadArtifact stream, consumed on a worker thread: the header is checked (the attempt must be held with
 * the token), the bytes go to the store as they come, and at the end the blob is verified against the header,
 * committed and recorded (the token checked again, in the recording transaction).
 */
final class ArtifactUpload implements AutoCloseable {

    private final Artifacts artifacts;
    private ArtifactHeader header;
    private UUID attemptId;
    private ArtifactStore.PendingBlob pending;

    ArtifactUpload(Artifacts artifacts) {
        this.artifacts = artifacts;
    }

    void accept(ArtifactPart part) {
        try {
            if (part.hasHeader()) {
                begin(part.getHeader());
            } else if (header == null) {
                throw DomainException.invalid("the first part of an artifact upload is its header");
            } else {
                byte[] data = part.getData().toByteArray();
                pending.write(data, 0, data.length);
            }
        } catch (ArtifactStore.TooLargeException e) {
            throw DomainException.invalid(e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("storing the artifact failed: " + e.getMessage(), e);
        }
    }

    private void begin(ArtifactHeader given) throws IOException {
        if (header != null) {
            throw DomainException.invalid("an artifact upload has one header");
        }
        attemptId = RunnerGrpcService.uuid(given.getAttemptId(), "attempt_id");
        if (given.getName().isBlank() || given.getName().length() > Artifacts.MAX_NAME
                || given.getName().chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw DomainException.invalid("an artifacts name is 1 to " + Artifacts.MAX_NAME
                    + " characters without control characters");
        }
        if (!ArtifactStore.isSha256(given.getSha256())) {
            throw DomainException.invalid("sha256 must be 64 lowercase hexadecimal digits");
        }
        if (given.getSize() < 0 || given.getSize() > artifacts.maxBytes()) {
            throw DomainException.invalid("the artifacts archive (" + given.getSize() + " bytes) is larger than this"
                    + " instance's limit of " + artifacts.maxBytes() + " bytes");
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> artifacts.held(attemptId, given.getFencingToken()));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        header = given;
        pending = artifacts.store().begin(artifacts.maxBytes());
    }

    JobArtifact finish() {
        if (header == null) {
            throw DomainException.invalid("an artifact upload without a header");
        }
        if (pending.size() != header.getSize()) {
            throw DomainException.invalid("the archive has " + pending.size() + " bytes, not " + header.getSize()
                    + " as announced");
        }
        ArtifactStore.Blob blob;
        try {
            blob = pending.commit(header.getSha256());
        } catch (IOException e) {
            throw DomainException.invalid(e.getMessage());
        }
        try {
            return VertxContextSupport.subscribeAndAwait(() -> artifacts.record(attemptId, header.getFencingToken(),
                    header.getName(), blob, Math.max(0, header.getFileCount())));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (pending != null) {
            try {
                pending.close();
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
