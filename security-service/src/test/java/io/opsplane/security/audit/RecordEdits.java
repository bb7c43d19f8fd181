package io.opsplane.security.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/** Every stored field of a record but seq, each with a change that keeps the record well formed. */
enum RecordEdits {
    RECORDED_AT(r -> copy(r, 1, r.recordedAt().plusNanos(1_000))),
    EVENT_ID(r -> copy(r, 2, r.eventId() + "x")),
    SUBJECT(r -> copy(r, 3, r.subject() + "x")),
    TOKEN_ID(r -> copy(r, 4, r.tokenId() + "x")),
    SOURCE_ADDRESS(r -> copy(r, 5, r.sourceAddress() + "x")),
    SERVICE(r -> copy(r, 6, r.service() + "x")),
    PERMISSION(r -> copy(r, 7, r.permission() + "x")),
    RESOURCE(r -> copy(r, 8, r.resource() + "x")),
    SUMMARY(r -> copy(r, 9, r.summary() + "x")),
    OUTCOME(r -> copy(r, 10, r.outcome().equals("succeeded") ? "denied" : "succeeded")),
    CORRELATION_ID(r -> copy(r, 11, r.correlationId() + "x")),
    PREV_HASH(r -> copy(r, 12, TestLedger.flipFirstDigit(r.prevHash()))),
    HASH(r -> copy(r, 13, TestLedger.flipFirstDigit(r.hash())));

    /** The fields covered by the hash as content (not the hashes themselves). */
    static final List<RecordEdits> CONTENT = List.of(RECORDED_AT, EVENT_ID, SUBJECT, TOKEN_ID, SOURCE_ADDRESS, SERVICE,
            PERMISSION, RESOURCE, SUMMARY, OUTCOME, CORRELATION_ID);

    private final UnaryOperator<AuditRecord> edit;

    RecordEdits(UnaryOperator<AuditRecord> edit) {
        this.edit = edit;
    }

    AuditRecord apply(AuditRecord record) {
        return edit.apply(record);
    }

    /** {@code record} with component {@code index} (in declaration order) replaced by {@code value}. */
    private static AuditRecord copy(AuditRecord r, int index, Object value) {
        Object[] v = {r.seq(), r.recordedAt(), r.eventId(), r.subject(), r.tokenId(), r.sourceAddress(), r.service(),
            r.permission(), r.resource(), r.summary(), r.outcome(), r.correlationId(), r.prevHash(), r.hash()};
        v[index] = value;
        return new AuditRecord((long) v[0], (Instant) v[1], (String) v[2], (String) v[3], (String) v[4],
                (String) v[5], (String) v[6], (String) v[7], (String) v[8], (String) v[9], (String) v[10],
                (String) v[11], (String) v[12], (String) v[13]);
    }
}
