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
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Appends audit records to the hash chain, inside the caller's transaction. The first append of a
 * transaction takes a transaction-scoped advisory lock (one writer at a time: seq has no gaps and
 * each record chains onto the one before it) and reads the chain's end; the rest of the batch chains
 * on in memory and is written at commit. The consumer's inbox hands each event over once; the
 * unique event id of the table refuses a repeat that would get past it.
 */
@ApplicationScoped
public class AuditLedger {

    /** Serialises appends across instances (and the benchmark that seeds a large ledger). */
    public static final long APPEND_LOCK = 0x617564_6974L;

    /** The chain's end per open transaction (its session), so a batch reads it once. */
    private final Map<Mutiny.Session, AuditChain> chains = Collections.synchronizedMap(new WeakHashMap<>());

    public Uni<Void> append(String eventId, String correlationId, AuditRecorded event) {
        return Panache.getSession().flatMap(session -> chainOf(session).flatMap(chain -> {
            AuditRecord sealed = chain.seal(content(eventId, correlationId, event, Instant.now()));
            // Written with the batch's other rows at commit (JDBC batches of 100).
            return session.persist(AuditRow.of(sealed));
        }).onFailure().invoke(failure -> chains.remove(session)));
    }

    private Uni<AuditChain> chainOf(Mutiny.Session session) {
        AuditChain known = chains.get(session);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        return session.createNativeQuery("SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")").getSingleResult()
                .flatMap(locked -> session.createNativeQuery(
                        "SELECT seq, hash FROM audit_record ORDER BY seq DESC LIMIT 1", Object[].class)
                        .getResultList())
                .map(rows -> {
                    AuditChain chain = rows.isEmpty() ? AuditChain.empty()
                            : AuditChain.after(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1]);
                    chains.put(session, chain);
                    return chain;
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
