package io.opsplane.deploy.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * An application in an environment: its router frontend port, its replicas per track and the release serving
 * there. Every change of the pair locks this row first, so rollouts and scale changes of one pair take turns.
 */
@Entity
@Table(name = "deployment_target")
public class DeploymentTarget extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String application;

    @Column(nullable = false)
    public String environment;

    @Column(name = "listen_port", nullable = false)
    public int listenPort;

    @Column(nullable = false)
    public int replicas;

    @Column(name = "min_replicas", nullable = false)
    public int minReplicas;

    @Column(name = "max_replicas", nullable = false)
    public int maxReplicas = 1000;

    @Column(name = "stable_release_id")
    public UUID stableReleaseId;

    @Column(name = "next_instance_no", nullable = false)
    public int nextInstanceNo;

    /** The router's backend (and frontend) name of the pair. */
    public String backend() {
        return application + "." + environment;
    }

    public static Uni<DeploymentTarget> lock(String application, String environment) {
        return find("application = ?1 and environment = ?2", application, environment)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public static Uni<DeploymentTarget> lockById(long id) {
        return DeploymentTarget.<DeploymentTarget>findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
