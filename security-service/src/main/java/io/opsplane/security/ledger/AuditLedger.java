package io.opsplane.security.ledger;

import io.opsplane.proto.events.v1.AuditRecorded;
import io.opsplane.security.audit.AuditChain;
import io.opsplane.security.audit.AuditHashing;
import io.opsplane.security.audit.AuditRecord;
import io.opsplane.security.domain.AuditRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Appends audit records to the hash chain, inside the caller's transaction. A transaction-scoped
 * advisory lock makes one writer at a time: seq has no gaps and each record chains onto the one
 * before it. An event already in the ledger is skipped (events arrive at least once).
 */
@ApplicationScoped
public class AuditLedger {

    /** Serialises appends across instances. */
    private static final long APPEND_LOCK = 0x617564_6974L;

    public Uni<Void> append(String eventId, String correlationId, AuditRecorded event) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")")
                        .getSingleResult())
                .flatMap(locked -> AuditRow.count("eventId", eventId))
                .flatMap(known -> known > 0 ? Uni.createFrom().voidItem() : appendNew(eventId, correlationId, event));
    }

    private Uni<Void> appendNew(String eventId, String correlationId, AuditRecorded event) {
        return AuditRow.<AuditRow>find("order by seq desc").firstResult().flatMap(last -> {
            AuditChain chain = last == null ? AuditChain.empty() : AuditChain.after(last.seq, last.hash);
            AuditRecord sealed = chain.seal(content(eventId, correlationId, event, Instant.now()));
            return AuditRow.of(sealed).persist().replaceWithVoid();
        });
    }

    /** The record's content: what the event says, in the ledger's fields, bounded to the columns. */
    static AuditRecord content(String eventId, String correlationId, AuditRecorded event, Instant recordedAt) {
        String summary = event.getMethod() + " " + event.getStatus()
                + (event.getRelayedBy().isEmpty() ? "" : "; relayed by " + event.getRelayedBy())
                + (event.getSummary().isEmpty() ? "" : "; " + event.getSummary());
        return AuditRecord.unsealed(AuditHashing.toStoredPrecision(recordedAt), eventId, clip(event.getSubject(), 256),
                clip(event.getTokenId(), 128), clip(event.getSourceAddress(), 128), clip(event.getService(), 64),
                clip(event.getPermission(), 64), clip(event.getResource(), 320), clip(summary, 1024),
                clip(event.getOutcome(), 16), clip(correlationId == null ? "" : correlationId, 128));
    }

    private static String clip(String value, int max) {
        String clean = value.replace('\u0000', '\ufffd');
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
