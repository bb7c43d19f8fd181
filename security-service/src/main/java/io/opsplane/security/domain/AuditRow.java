package io.opsplane.security.domain;

import io.opsplane.security.audit.AuditRecord;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored audit record of the hash-chained ledger. */
@Entity
@Table(name = "audit_record")
public class AuditRow extends PanacheEntityBase {

    @Id
    public long seq;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "event_id", nullable = false)
    public String eventId;

    @Column(nullable = false)
    public String subject;

    @Column(name = "token_id", nullable = false)
    public String tokenId;

    @Column(name = "source_address", nullable = false)
    public String sourceAddress;

    @Column(nullable = false)
    public String service;

    @Column(nullable = false)
    public String permission;

    @Column(nullable = false)
    public String resource;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public String outcome;

    @Column(name = "correlation_id", nullable = false)
    public String correlationId;

    @Column(name = "prev_hash", nullable = false)
    public String prevHash;

    @Column(nullable = false)
    public String hash;

    public static AuditRow of(AuditRecord record) {
        AuditRow row = new AuditRow();
        row.seq = record.seq();
        row.recordedAt = record.recordedAt();
        row.eventId = record.eventId();
        row.subject = record.subject();
        row.tokenId = record.tokenId();
        row.sourceAddress = record.sourceAddress();
        row.service = record.service();
        row.permission = record.permission();
        row.resource = record.resource();
        row.summary = record.summary();
        row.outcome = record.outcome();
        row.correlationId = record.correlationId();
        row.prevHash = record.prevHash();
        row.hash = record.hash();
        return row;
    }

    public AuditRecord toRecord() {
        return new AuditRecord(seq, recordedAt, eventId, subject, tokenId, sourceAddress, service, permission, resource,
                summary, outcome, correlationId, prevHash, hash);
    }
}
