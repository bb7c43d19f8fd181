package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An application that can be deployed: where its artifact lies, how it starts, how its health is checked. */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "artifact_path", nullable = false)
    public String artifactPath;

    /** JSON array of strings. */
    @Column(name = "start_command", nullable = false)
    public String startCommand;

    @Column(nullable = false)
    public int port;

    @Column(name = "health_check_path", nullable = false)
    public String healthCheckPath;

    /** Proto JSON of {@code opsplane.deploy.v1.Strategy}. */
    @Column(name = "default_strategy", nullable = false)
    public String defaultStrategy;

    @Column(name = "configuration_schema", nullable = false)
    public String configurationSchema;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;
}
