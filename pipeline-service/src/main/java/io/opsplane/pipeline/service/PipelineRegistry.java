package io.opsplane.pipeline.service;

import io.opsplane.pipeline.definition.GitlabCiCompiler;
import io.opsplane.pipeline.definition.IncludeResolver;
import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.PipelineNames;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineVersion;
import io.opsplane.platform.crypto.Sha256;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.PipelineRegistered;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Registering pipeline definitions (GitLab CI YAML) as immutable versions, each announced by a PipelineRegistered
 * event.
 */
@ApplicationScoped
public class PipelineRegistry {

    /** The result of a registration: the version, and whether it is new. */
    public record Registration(Pipeline pipeline, PipelineVersion version, boolean created) {
    }

    /** A pipeline with its versions, newest first. */
    public record PipelineWithVersions(Pipeline pipeline, List<PipelineVersion> versions) {
    }

    private final GitlabCiCompiler compiler = new GitlabCiCompiler();

    @Inject
    Outbox outbox;

    public Uni<Registration> register(String name, String definition, String requestedBy) {
        if (!PipelineNames.isValid(name)) {
            return Uni.createFrom().failure(DomainException.invalid(PipelineNames.explain()));
        }
        // A definition that could never run is refused now, naming the keyword, job, line and column.
        try {
            compiler.compile(definition, IncludeResolver.none());
        } catch (InvalidDefinitionException e) {
            return Uni.createFrom().failure(DomainException.invalid("definition: " + e.describe()));
        }
        String by = requestedBy == null || requestedBy.isBlank() ? "anonymous" : requestedBy;
        String sha256 = Sha256.hex(definition);
        return outbox.inTransaction(() -> lockOrCreate(name).flatMap(pipeline -> PipelineVersion.latestOf(pipeline.id)
                .flatMap(latest -> {
                    if (latest != null && latest.sha256.equals(sha256)) {
                        return Uni.createFrom().item(new Registration(pipeline, latest, false));
                    }
                    PipelineVersion next = PipelineVersion.next(pipeline, latest, definition, sha256, by);
                    return next.<PipelineVersion>persist()
                            .flatMap(saved -> outbox.record(name, PipelineRegistered.newBuilder()
                                    .setPipelineName(name).setVersion(saved.version).setSha256(sha256)
                                    .setRegisteredBy(by).setRegisteredAt(Timestamps.of(saved.registeredAt)).build()))
                            .replaceWith(new Registration(pipeline, next, true));
                })))
                // Two first registrations of one name race on the unique name; the loser retries and
                // then finds (and locks) the winner's row.
                .onFailure(io.opsplane.platform.errors.UniqueViolation::isCauseOf).retry().atMost(3);
    }

    public Uni<PipelineWithVersions> get(String name) {
        if (!PipelineNames.isValid(name)) {
            return Uni.createFrom().failure(DomainException.invalid(PipelineNames.explain()));
        }
        return Panache.withSession(() -> Pipeline.findByName(name).flatMap(pipeline -> {
            if (pipeline == null) {
                throw DomainException.notFound("no pipeline named '" + name + "'");
            }
            return PipelineVersion.allOf(pipeline.id).map(versions -> new PipelineWithVersions(pipeline, versions));
        }));
    }

    /**
     * Within a transaction: the version holding {@code definition} (read from the pipeline's repository at a
     * commit), made and announced when the latest version holds another document. Includes are resolved from
     * the commit when a run is planned, so the document is not compiled here on its own.
     */
    public Uni<PipelineVersion> versionFor(Pipeline pipeline, String definition, String by) {
        String sha256 = Sha256.hex(definition);
        return Pipeline.lockByName(pipeline.name).flatMap(locked -> PipelineVersion.latestOf(locked.id)
                .flatMap(latest -> {
                    if (latest != null && latest.sha256.equals(sha256)) {
                        return Uni.createFrom().item(latest);
                    }
                    PipelineVersion next = PipelineVersion.next(locked, latest, definition, sha256, by);
                    return next.<PipelineVersion>persist()
                            .call(saved -> outbox.record(locked.name, PipelineRegistered.newBuilder()
                                    .setPipelineName(locked.name).setVersion(saved.version).setSha256(sha256)
                                    .setRegisteredBy(by).setRegisteredAt(Timestamps.of(saved.registeredAt)).build()));
                }));
    }

    private Uni<Pipeline> lockOrCreate(String name) {
        return Pipeline.lockByName(name).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : Pipeline.named(name).<Pipeline>persist().call(created -> Panache.getSession()
                        .flatMap(session -> session.flush())));
    }


}
