package io.opsplane.pipeline.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.time.Instant;

/** A named pipeline; its definitions are {@link PipelineVersion}s. */
@Entity
@Table(name = "pipeline")
public class Pipeline extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Uni<Pipeline> findByName(String name) {
        return find("name", name).firstResult();
    }

    /** The pipeline named so, or NOT_FOUND. */
    public static Uni<Pipeline> requireByName(String name) {
        return findByName(name).map(pipeline -> {
            if (pipeline == null) {
                throw io.opsplane.platform.errors.DomainException.notFound("no pipeline named '" + name + "'");
            }
            return pipeline;
        });
    }

    /** Finds and locks the pipeline row, so concurrent registrations of one name take turns. */
    public static Uni<Pipeline> lockByName(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public static Pipeline named(String name) {
        Pipeline pipeline = new Pipeline();
        pipeline.name = name;
        pipeline.createdAt = Instant.now();
        return pipeline;
    }
}
