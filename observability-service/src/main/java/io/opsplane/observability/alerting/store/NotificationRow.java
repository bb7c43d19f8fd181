package io.opsplane.observability.alerting.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One notification attempt in the history. */
@Entity
@Table(name = "am_notification")
public class NotificationRow extends PanacheEntityBase {

    public static final String SENT = "sent";
    public static final String FAILED = "failed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "group_key", nullable = false)
    public String groupKey;

    @Column(nullable = false)
    public String receiver;

    @Column(nullable = false)
    public String integration;

    /** Why it was sent: {@code route} (the routing tree) or {@code escalation:<policy>:<level>}. */
    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public int attempt;

    @Column(nullable = false)
    public int alerts;

    @Column(name = "payload_digest", nullable = false)
    public String payloadDigest;

    @Column(nullable = false)
    public String status;

    @Column(name = "http_status")
    public Integer httpStatus;

    @Column(name = "latency_ms", nullable = false)
    public long latencyMs;

    public String error;

    @Column(name = "attempted_at", nullable = false)
    public Instant attemptedAt;
}
