package io.opsplane.security.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit ledger: who did what, when, and how it ended, plus the two hashes that
 * chain it to the entry before it.
 *
 * <p>{@code seq} is the storage order key (1, 2, 3, … with no gaps) and is not covered by the hash:
 * moving or renumbering rows is caught through the chain links instead. {@code eventId} is the id
 * of the event that carried the entry; the store keeps it unique so that a redelivered event
 * appends nothing. Absent values are empty strings, never {@code null}, so that a stored row and
 * the sealed record hash the same way. {@code summary} describes the request and never holds
 * secrets.
 */
public record AuditRecord(
        long seq,
        Instant recordedAt,
        String eventId,
        String subject,
        String tokenId,
        String sourceAddress,
        String service,
        String permission,
        String resource,
        String summary,
        String outcome,
        String correlationId,
        String prevHash,
        String hash) {

    public AuditRecord {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(eventId, "eventId (use \"\" when absent)");
        Objects.requireNonNull(subject, "subject (use \"\" when absent)");
        Objects.requireNonNull(tokenId, "tokenId (use \"\" when absent)");
        Objects.requireNonNull(sourceAddress, "sourceAddress (use \"\" when absent)");
        Objects.requireNonNull(service, "service (use \"\" when absent)");
        Objects.requireNonNull(permission, "permission (use \"\" when absent)");
        Objects.requireNonNull(resource, "resource (use \"\" when absent)");
        Objects.requireNonNull(summary, "summary (use \"\" when absent)");
        Objects.requireNonNull(outcome, "outcome (use \"\" when absent)");
        Objects.requireNonNull(correlationId, "correlationId (use \"\" when absent)");
        Objects.requireNonNull(prevHash, "prevHash (use \"\" before sealing)");
        Objects.requireNonNull(hash, "hash (use \"\" before sealing)");
    }

    /** The content of an entry before {@link AuditChain#seal} gives it its seq and hashes. */
    public static AuditRecord unsealed(Instant recordedAt, String eventId, String subject, String tokenId,
            String sourceAddress, String service, String permission, String resource, String summary,
            String outcome, String correlationId) {
        return new AuditRecord(0, recordedAt, eventId, subject, tokenId, sourceAddress, service, permission,
                resource, summary, outcome, correlationId, "", "");
    }

    /** This content with the given position and hashes. */
    public AuditRecord withSeal(long seq, String prevHash, String hash) {
        return new AuditRecord(seq, recordedAt, eventId, subject, tokenId, sourceAddress, service, permission,
                resource, summary, outcome, correlationId, prevHash, hash);
    }
}
