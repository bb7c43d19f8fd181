package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An analysis run of a rollout: its template, the queries with their arguments filled in, its last phase. */
@Entity
@Table(name = "analysis_run")
@IdClass(AnalysisRunRow.Key.class)
public class AnalysisRunRow extends PanacheEntityBase {

    @Id
    @Column(name = "rollout_id")
    public UUID rolloutId;

    @Id
    public String name;

    @Column(nullable = false)
    public String template;

    /** JSON object: metric name to query. */
    @Column(nullable = false)
    public String queries;

    @Column(nullable = false)
    public String phase;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(nullable = false)
    public boolean stopped;

    @Column(name = "completed_at")
    public Instant completedAt;

    public static class Key implements Serializable {
        public UUID rolloutId;
        public String name;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(rolloutId, key.rolloutId) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(rolloutId, name);
        }
    }
}
