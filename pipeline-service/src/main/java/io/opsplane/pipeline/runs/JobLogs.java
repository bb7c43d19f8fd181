package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Job logs, stored durably as chunks at byte offsets. Appends are idempotent by offset (a runner repeating a
 * send after a lost answer stores nothing twice), bounded per job (then one truncation marker), and sanitised.
 */
@ApplicationScoped
public class JobLogs {

    static final String TRUNCATED = "\n[log truncated: this job wrote more than %d bytes]\n";
    private static final int READ_CHUNKS = 64;

    @Inject
    RunnerLease lease;

    /** A piece of a log read back. */
    public record Piece(long offset, byte[] data) {
    }

    Uni<Void> append(JobAttempt attempt, long offset, byte[] data) {
        if (offset > attempt.logBytes) {
            throw DomainException.failedPrecondition("log of attempt " + attempt.id + " continues at byte "
                    + attempt.logBytes + ", not " + offset);
        }
        int skip = (int) Math.min(data.length, attempt.logBytes - offset);
        int length = data.length - skip;
        if (length == 0 || attempt.logTruncated) {
            return Uni.createFrom().voidItem();
        }
        long room = lease.maxLogBytes() - attempt.logBytes;
        byte[] stored;
        if (length > room) {
            byte[] kept = LogSanitizer.sanitize(data, skip, (int) Math.max(0, room));
            byte[] marker = String.format(TRUNCATED, lease.maxLogBytes()).getBytes(StandardCharsets.UTF_8);
            stored = new byte[kept.length + marker.length];
            System.arraycopy(kept, 0, stored, 0, kept.length);
            System.arraycopy(marker, 0, stored, kept.length, marker.length);
            attempt.logTruncated = true;
        } else {
            stored = LogSanitizer.sanitize(data, skip, length);
        }
        long at = attempt.logBytes;
        attempt.logBytes += stored.length;
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO job_log_chunk (attempt_id, byte_offset, data) VALUES (:attempt, :offset, :data)")
                .setParameter("attempt", attempt.id).setParameter("offset", at).setParameter("data", stored)
                .executeUpdate()).replaceWithVoid();
    }

    /** The log of {@code attemptId} from {@code offset}, up to a bounded number of chunks. */
    public Uni<List<Piece>> read(UUID attemptId, long offset) {
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT byte_offset, data FROM job_log_chunk WHERE attempt_id = :attempt"
                        + " AND byte_offset + length(data) > :offset ORDER BY byte_offset LIMIT " + READ_CHUNKS,
                Object[].class).setParameter("attempt", attemptId).setParameter("offset", offset).getResultList()))
                .map(rows -> {
                    List<Piece> pieces = new ArrayList<>();
                    for (Object[] row : rows) {
                        long at = ((Number) row[0]).longValue();
                        byte[] data = (byte[]) row[1];
                        if (at < offset) {
                            int cut = (int) (offset - at);
                            data = java.util.Arrays.copyOfRange(data, cut, data.length);
                            at = offset;
                        }
                        pieces.add(new Piece(at, data));
                    }
                    return pieces;
                });
    }
}
