package io.opsplane.observability.targets;

import io.opsplane.observability.discovery.UserScrapeTarget;
import io.opsplane.observability.discovery.UserScrapeTargets;
import io.opsplane.observability.domain.ScrapeTargetRecord;
import io.opsplane.observability.promql.Durations;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.manifest.PlatformManifest;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.ScrapeTargetAdded;
import io.opsplane.proto.events.v1.ScrapeTargetRemoved;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Users' scrape jobs: checked, stored with their event in one transaction, served to the store's discovery. */
@ApplicationScoped
public class ScrapeTargetRegistry {

    /** The jobs the platform's own discovery uses: its components and its runners. */
    private static final Set<String> RESERVED = Stream.concat(
            PlatformManifest.load().components().stream().map(PlatformManifest.Component::name), Stream.of("runner"))
            .collect(Collectors.toUnmodifiableSet());

    @Inject
    Outbox outbox;

    @Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    /** A stored job with who added it and when. */
    public record Stored(UserScrapeTarget target, String createdBy, Instant createdAt) {
    }

    public Uni<Stored> create(String name, List<String> targets, Map<String, String> labels, String metricsPath,
            String scheme, String httpSdUrl, String httpSdRefresh, String caller) {
        UserScrapeTarget target;
        try {
            target = UserScrapeTargets.validated(name, targets, labels, metricsPath, scheme, httpSdUrl, httpSdRefresh,
                    RESERVED);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(DomainException.invalid(e.getMessage()));
        }
        // As PostgreSQL keeps it, so the answer equals what a later read returns.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return outbox.inTransaction(() -> ScrapeTargetRecord.<ScrapeTargetRecord>findById(target.name())
                .flatMap(existing -> {
                    if (existing != null) {
                        throw DomainException.alreadyExists("a scrape job named '" + target.name()
                                + "' exists; delete it first to change it");
                    }
                    ScrapeTargetRecord record = new ScrapeTargetRecord();
                    record.name = target.name();
                    record.targets = String.join("\n", target.targets());
                    record.labels = target.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("\n"));
                    record.metricsPath = target.metricsPath();
                    record.scheme = target.scheme();
                    target.httpSd().ifPresent(sd -> {
                        record.httpSdUrl = sd.url().toString();
                        record.httpSdRefreshMs = sd.refreshInterval().toMillis();
                    });
                    record.createdBy = caller;
                    record.createdAt = now;
                    ScrapeTargetAdded.Builder added = ScrapeTargetAdded.newBuilder().setName(target.name())
                            .addAllTargets(target.targets()).putAllLabels(target.labels())
                            .setMetricsPath(target.metricsPath()).setScheme(target.scheme()).setAddedBy(caller);
                    target.httpSd().ifPresent(sd -> added.setHttpSdUrl(sd.url().toString())
                            .setHttpSdRefreshInterval(Durations.format(sd.refreshInterval().toMillis())));
                    return record.persist().call(ignored -> outbox.record(target.name(), added.build()));
                })).replaceWith(new Stored(target, caller, now));
    }

    public Uni<Stored> get(String name) {
        return Panache.withSession(() -> ScrapeTargetRecord.<ScrapeTargetRecord>findById(name)).map(record -> {
            if (record == null) {
                throw DomainException.notFound("no scrape job named '" + io.opsplane.platform.text.PrintableText.of(
                        name, 100) + "'");
            }
            return stored(record);
        });
    }

    public Uni<List<Stored>> list() {
        return Panache.withSession(() -> ScrapeTargetRecord.<ScrapeTargetRecord>listAll(Sort.ascending("name")))
                .map(records -> records.stream().map(ScrapeTargetRegistry::stored).toList());
    }

    public Uni<Void> delete(String name, String caller) {
        return outbox.inTransaction(() -> ScrapeTargetRecord.<ScrapeTargetRecord>findById(name).flatMap(record -> {
            if (record == null) {
                throw DomainException.notFound("no scrape job named '" + io.opsplane.platform.text.PrintableText.of(
                        name, 100) + "'");
            }
            return record.delete().call(ignored -> outbox.record(record.name, ScrapeTargetRemoved.newBuilder()
                    .setName(record.name).setRemovedBy(caller).build()));
        })).replaceWithVoid();
    }

    /**
     * Every user job, for the store's discovery and the HTTP discovery reader: read with the plain SQL client, so
     * the discovery route needs no ORM session on its event loop.
     */
    public Uni<List<UserScrapeTarget>> jobs() {
        return pool.query("SELECT name, targets, labels, metrics_path, scheme, http_sd_url, http_sd_refresh_ms "
                + "FROM scrape_target ORDER BY name").execute().map(rows -> {
                    List<UserScrapeTarget> jobs = new java.util.ArrayList<>();
                    for (var row : rows) {
                        jobs.add(target(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getString(5), row.getLong(6)));
                    }
                    return jobs;
                });
    }

    private static Stored stored(ScrapeTargetRecord record) {
        return new Stored(target(record.name, record.targets, record.labels, record.metricsPath, record.scheme,
                record.httpSdUrl, record.httpSdRefreshMs), record.createdBy, record.createdAt);
    }

    /** A stored row back as a job; rows were checked when they were added, so reading them does not check again. */
    private static UserScrapeTarget target(String name, String targets, String labelLines, String metricsPath,
            String scheme, String httpSdUrl, long httpSdRefreshMs) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (!labelLines.isEmpty()) {
            for (String line : labelLines.split("\n")) {
                int equals = line.indexOf('=');
                labels.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        Optional<UserScrapeTarget.HttpSd> httpSd = httpSdUrl.isEmpty() ? Optional.empty()
                : Optional.of(new UserScrapeTarget.HttpSd(URI.create(httpSdUrl), Duration.ofMillis(httpSdRefreshMs)));
        return new UserScrapeTarget(name, targets.isEmpty() ? List.of() : List.of(targets.split("\n")), labels,
                metricsPath, scheme, httpSd);
    }
}
