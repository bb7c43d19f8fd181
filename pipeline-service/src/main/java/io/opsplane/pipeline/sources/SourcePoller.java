package io.opsplane.pipeline.sources;

import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineSource;
import io.opsplane.pipeline.runs.RunLauncher;
import io.opsplane.pipeline.runs.RunTrigger;
import io.opsplane.platform.git.Git;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.opsplane.platform.timing.Ticker;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Polling of sources that set {@code poll_interval}: {@code git ls-remote}, and one run for each branch or tag
 * the filters take whose head moved since the last poll. With several instances, a source is polled by one at a
 * time: its row is claimed with {@code FOR UPDATE SKIP LOCKED} and its next poll moved on in the same
 * transaction; the last seen head of each ref is replaced only when it still holds the old value, so a head
 * starts one run even if two polls overlap. A source's first poll notes the heads without starting runs.
 */
@ApplicationScoped
public class SourcePoller {

    private static final Logger LOG = Logger.getLogger(SourcePoller.class);

    @Inject
    GitRepositories repositories;

    @Inject
    PipelineSources sources;

    @Inject
    RunLauncher launcher;

    @ConfigProperty(name = "opsplane.pipeline.sources.poll-enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "opsplane.pipeline.sources.poll-tick", defaultValue = "5s")
    Duration tick;

    private Ticker ticker;

    /** A claimed source: polled by this instance now. */
    record Claim(Pipeline pipeline, PipelineSource source, boolean first) {
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        ticker = Ticker.start("source-poller", tick, this::pollOnce,
                e -> LOG.warnf("polling sources failed, trying again: %s", e.getMessage()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** Polls every source that is due; returns the runs started. Blocking; visible for tests. */
    public int pollOnce() throws Throwable {
        int started = 0;
        for (int i = 0; i < 1000; i++) {
            Claim claim = VertxContextSupport.subscribeAndAwait(this::claim);
            if (claim == null) {
                return started;
            }
            try {
                started += poll(claim);
            } catch (RuntimeException e) {
                LOG.warnf("polling the source of pipeline %s failed: %s", claim.pipeline().name, e.getMessage());
            }
        }
        return started;
    }

    private Uni<Claim> claim() {
        Instant now = Instant.now();
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT * FROM pipeline_source WHERE poll_interval_seconds > 0 AND (next_poll_at IS NULL "
                        + "OR next_poll_at <= :now) ORDER BY next_poll_at NULLS FIRST LIMIT 1 FOR UPDATE SKIP LOCKED",
                PipelineSource.class).setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .getResultList()).flatMap(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().nullItem();
                    }
                    PipelineSource source = found.get(0);
                    boolean first = source.nextPollAt == null;
                    source.nextPollAt = now.plusSeconds(source.pollIntervalSeconds);
                    return Pipeline.<Pipeline>findById(source.pipelineId)
                            .map(pipeline -> new Claim(pipeline, source, first));
                }));
    }

    private int poll(Claim claim) throws Throwable {
        String name = claim.pipeline().name;
        Git.Credentials credentials = VertxContextSupport.subscribeAndAwait(() -> sources.credentials(name,
                claim.source(), "poll:" + name));
        Map<String, String> heads = repositories.heads(claim.source().repositoryUrl, credentials);
        RefFilters filters = new RefFilters(PipelineSources.lines(claim.source().branches),
                PipelineSources.lines(claim.source().tags));
        List<Map.Entry<String, String>> moved = new ArrayList<>();
        for (Map.Entry<String, String> head : heads.entrySet()) {
            if (filters.accepts(head.getKey()) && Git.isSha(head.getValue())
                    && VertxContextSupport.subscribeAndAwait(() -> advance(claim.pipeline().id, head.getKey(),
                            head.getValue()))) {
                moved.add(head);
            }
        }
        if (claim.first()) {
            return 0;
        }
        int started = 0;
        for (Map.Entry<String, String> head : moved) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> launcher.trigger(new RunTrigger(name, 0, "poll",
                        head.getKey(), head.getValue(), Map.of(), "poll", null)));
                started++;
            } catch (Throwable e) {
                LOG.warnf("pipeline %s: no run for %s at %s: %s", name, head.getKey(), head.getValue(),
                        e.getMessage());
            }
        }
        return started;
    }

    /** Notes {@code sha} as the head of {@code ref}; true when it is new (this poll is the one to run it). */
    private static Uni<Boolean> advance(Long pipelineId, String ref, String sha) {
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "INSERT INTO source_ref (pipeline_id, ref, commit_sha, seen_at) VALUES (:pipeline, :ref, :sha, :at) "
                        + "ON CONFLICT (pipeline_id, ref) DO UPDATE SET commit_sha = EXCLUDED.commit_sha, "
                        + "seen_at = EXCLUDED.seen_at WHERE source_ref.commit_sha <> EXCLUDED.commit_sha")
                .setParameter("pipeline", pipelineId).setParameter("ref", ref).setParameter("sha", sha)
                .setParameter("at", OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC)).executeUpdate()))
                .map(rows -> rows == 1);
    }
}
