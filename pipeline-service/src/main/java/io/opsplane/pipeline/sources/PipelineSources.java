package io.opsplane.pipeline.sources;

import io.opsplane.pipeline.definition.PipelineNames;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineSource;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.git.Git;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Binding pipelines to git repositories, and reading the bindings. */
@ApplicationScoped
public class PipelineSources {

    public static final String DEFAULT_WEBHOOK_SECRET = "WEBHOOK_SECRET";
    public static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern SECRET_NAME = Pattern.compile("^[A-Za-z0-9_.\\-/]{1,255}$");

    /** What a source is set to. */
    public record Spec(String pipelineName, String repositoryUrl, List<String> branches, List<String> tags,
            String credentialsSecret, String webhookSecret, int pollIntervalSeconds) {
    }

    /** A pipeline with its source. */
    public record Bound(Pipeline pipeline, PipelineSource source) {

        public RefFilters filters() {
            return new RefFilters(lines(source.branches), lines(source.tags));
        }
    }

    @Inject
    GitRepositories repositories;

    @Inject
    SourceSecrets secrets;

    public Uni<Bound> set(Spec spec, String by) {
        try {
            validate(spec);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        // A pipeline bound before any definition is registered takes its definitions from the repository.
        return Panache.withTransaction(() -> Pipeline.lockByName(spec.pipelineName()).flatMap(found -> found != null
                ? Uni.createFrom().item(found)
                : Pipeline.named(spec.pipelineName()).<Pipeline>persist()
                        .call(created -> Panache.getSession().flatMap(session -> session.flush()))).flatMap(pipeline -> {
            return PipelineSource.of(pipeline.id).flatMap(existing -> {
                boolean created = existing == null;
                PipelineSource source = created ? new PipelineSource() : existing;
                boolean moved = created || !source.repositoryUrl.equals(spec.repositoryUrl());
                source.pipelineId = pipeline.id;
                source.repositoryUrl = spec.repositoryUrl();
                source.branches = String.join("\n", spec.branches());
                source.tags = String.join("\n", spec.tags());
                source.credentialsSecret = spec.credentialsSecret();
                source.webhookSecret = spec.webhookSecret().isEmpty() ? DEFAULT_WEBHOOK_SECRET : spec.webhookSecret();
                source.pollIntervalSeconds = spec.pollIntervalSeconds();
                // The next poll (or the first one after a move) notes the heads without starting runs.
                source.nextPollAt = moved ? null : source.nextPollAt;
                source.updatedAt = Instant.now();
                source.updatedBy = by;
                Uni<Void> forget = moved ? Panache.getSession().flatMap(session -> session.createNativeQuery(
                        "DELETE FROM source_ref WHERE pipeline_id = :id").setParameter("id", pipeline.id)
                        .executeUpdate()).replaceWithVoid() : Uni.createFrom().voidItem();
                return forget.flatMap(ignored -> created ? source.<PipelineSource>persist().replaceWithVoid()
                        : Uni.createFrom().voidItem()).replaceWith(new Bound(pipeline, source));
            });
        })).invoke(bound -> secrets.forget(spec.pipelineName()));
    }

    /** The pipeline and its source; NOT_FOUND when either is missing. */
    public Uni<Bound> get(String name) {
        if (!PipelineNames.isValid(name)) {
            return Uni.createFrom().failure(DomainException.invalid(PipelineNames.explain()));
        }
        return Panache.withSession(() -> find(name)).map(bound -> {
            if (bound == null || bound.source() == null) {
                throw DomainException.notFound("pipeline '" + name + "' has no source");
            }
            return bound;
        });
    }

    /** Within a session: the pipeline (null when none) and its source (null when none). */
    public static Uni<Bound> find(String name) {
        return Pipeline.findByName(name).flatMap(pipeline -> pipeline == null ? Uni.createFrom().nullItem()
                : PipelineSource.of(pipeline.id).map(source -> new Bound(pipeline, source)));
    }

    /** The credentials of a source (the secret fetched now), or none. */
    public Uni<Git.Credentials> credentials(String pipelineName, PipelineSource source, String purpose) {
        if (source.credentialsSecret == null || source.credentialsSecret.isEmpty()) {
            return Uni.createFrom().item(Git.Credentials.NONE);
        }
        return secrets.value(pipelineName, source.credentialsSecret, purpose)
                .map(value -> new Git.Credentials(RepositoryUrls.user(source.repositoryUrl), value));
    }

    void validate(Spec spec) {
        if (!PipelineNames.isValid(spec.pipelineName())) {
            throw new IllegalArgumentException(PipelineNames.explain());
        }
        repositories.check(spec.repositoryUrl());
        RefFilters.validate(spec.branches(), "branch");
        RefFilters.validate(spec.tags(), "tag");
        for (String secret : List.of(spec.credentialsSecret(), spec.webhookSecret())) {
            if (!secret.isEmpty() && !SECRET_NAME.matcher(secret).matches()) {
                throw new IllegalArgumentException("secret name '" + secret + "' must be 1 to 255 letters, digits "
                        + "and _ . - /");
            }
        }
        int poll = spec.pollIntervalSeconds();
        if (poll < 0 || (poll > 0 && poll < MIN_POLL_INTERVAL.toSeconds()) || poll > 86_400) {
            throw new IllegalArgumentException("poll_interval_seconds must be 0 (no polling) or from "
                    + MIN_POLL_INTERVAL.toSeconds() + " to 86400");
        }
    }

    static List<String> lines(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split("\n"));
    }
}
