package io.opsplane.pipeline.service;

import io.opsplane.pipeline.definition.PipelineNames;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Listing pipelines: only those the caller may read, by name. Rows are read in batches and each is checked with
 * the caller's authority, the one rule; a page ends early (with a token) once {@value #MAX_SCANNED} rows were
 * read, so a caller who may see few of many pipelines cannot make one call read the whole table.
 */
@ApplicationScoped
public class PipelineCatalog {

    static final int MAX_PAGE = 500;
    static final int DEFAULT_PAGE = 100;
    static final int MAX_SCANNED = 5_000;
    private static final int BATCH = 500;

    /** One listed pipeline. */
    public record Summary(String name, Instant createdAt, int latestVersion) {
    }

    /** A page of pipelines and the token of the next one (empty at the end). */
    public record Page(List<Summary> pipelines, String nextPageToken) {
    }

    public Uni<Page> list(Authority authority, String namePrefix, int limit, String pageToken) {
        if (limit < 0 || limit > MAX_PAGE) {
            throw DomainException.invalid("page_size must be between 1 and " + MAX_PAGE + " (0 takes "
                    + DEFAULT_PAGE + ")");
        }
        String prefix = namePrefix == null ? "" : namePrefix;
        if (!prefix.isEmpty() && !prefix.matches("[a-z0-9-]{1,63}")) {
            throw DomainException.invalid("name_prefix may hold only lowercase letters, digits and '-'");
        }
        String after = pageToken == null ? "" : pageToken;
        if (!after.isEmpty() && !PipelineNames.isValid(after)) {
            throw DomainException.invalid("page_token is not one this service gave out");
        }
        int pageSize = limit == 0 ? DEFAULT_PAGE : limit;
        return Panache.withSession(() -> collect(authority, prefix, after, pageSize, new ArrayList<>(), 0));
    }

    private Uni<Page> collect(Authority authority, String prefix, String after, int pageSize, List<Pipeline> visible,
            int scanned) {
        return Pipeline.<Pipeline>find("name > ?1 and name like ?2 order by name", after, prefix + "%")
                .page(0, BATCH).list().flatMap(batch -> {
                    String last = after;
                    for (Pipeline pipeline : batch) {
                        last = pipeline.name;
                        if (authority.decide("pipelines:read", ResourceRef.of("pipeline", pipeline.name)).allowed()) {
                            visible.add(pipeline);
                            if (visible.size() == pageSize) {
                                return page(visible, last);
                            }
                        }
                    }
                    int read = scanned + batch.size();
                    if (batch.size() < BATCH) {
                        return page(visible, "");
                    }
                    if (read >= MAX_SCANNED) {
                        return page(visible, last);
                    }
                    return collect(authority, prefix, last, pageSize, visible, read);
                });
    }

    private static Uni<Page> page(List<Pipeline> pipelines, String nextPageToken) {
        if (pipelines.isEmpty()) {
            return Uni.createFrom().item(new Page(List.of(), nextPageToken));
        }
        List<Long> ids = pipelines.stream().map(p -> p.id).toList();
        return Panache.getSession().flatMap(session -> session.createQuery(
                "select v.pipelineId, max(v.version) from PipelineVersion v where v.pipelineId in :ids "
                        + "group by v.pipelineId", Object[].class).setParameter("ids", ids).getResultList())
                .map(rows -> {
                    Map<Long, Integer> latest = new HashMap<>();
                    rows.forEach(row -> latest.put((Long) row[0], ((Number) row[1]).intValue()));
                    return new Page(pipelines.stream().map(p -> new Summary(p.name, p.createdAt,
                            latest.getOrDefault(p.id, 0))).toList(), nextPageToken);
                });
    }
}
