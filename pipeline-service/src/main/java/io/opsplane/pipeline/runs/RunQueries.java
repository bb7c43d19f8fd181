package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.definition.PipelineNames;
import io.opsplane.pipeline.domain.JobAttempt;
import io.opsplane.pipeline.domain.Pipeline;
import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Reading runs: one with its jobs and attempts, or a pipeline's runs page by page. */
@ApplicationScoped
public class RunQueries {

    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;

    public record RunDetail(PipelineRun run, List<RunJob> jobs, List<JobAttempt> attempts) {
    }

    public record RunPage(List<PipelineRun> runs, String nextPageToken) {
    }

    public Uni<RunDetail> get(UUID runId) {
        return Panache.withSession(() -> PipelineRun.<PipelineRun>findById(runId).flatMap(run -> {
            if (run == null) {
                throw DomainException.notFound("no run " + runId);
            }
            return RunJob.ofRun(runId).flatMap(jobs -> JobAttempt.ofRun(runId)
                    .map(attempts -> new RunDetail(run, jobs, attempts)));
        }));
    }

    /** The attempt of a job whose log is asked for: {@code number} 0 is the latest. */
    public Uni<JobAttempt> attempt(UUID runId, String jobName, int number) {
        return Panache.withSession(() -> RunJob.<RunJob>find("runId = ?1 and name = ?2", runId, jobName).firstResult()
                .flatMap(job -> {
                    if (job == null) {
                        throw DomainException.notFound("run " + runId + " has no job '" + jobName + "'");
                    }
                    return (number <= 0 ? JobAttempt.latestOf(job.id) : JobAttempt.ofJob(job.id, number)).map(attempt -> {
                        if (attempt == null) {
                            throw DomainException.notFound("job '" + jobName + "' has no attempt"
                                    + (number > 0 ? " " + number : " yet"));
                        }
                        return attempt;
                    });
                }));
    }

    public Uni<RunPage> list(String pipelineName, int pageSize, String pageToken) {
        if (!PipelineNames.isValid(pipelineName)) {
            return Uni.createFrom().failure(DomainException.invalid(PipelineNames.explain()));
        }
        if (pageSize < 0 || pageSize > MAX_PAGE) {
            return Uni.createFrom().failure(DomainException.invalid("page_size is 0 to " + MAX_PAGE));
        }
        int size = pageSize == 0 ? DEFAULT_PAGE : pageSize;
        Cursor after = Cursor.parse(pageToken);
        return Panache.withSession(() -> Pipeline.findByName(pipelineName).flatMap(pipeline -> {
            if (pipeline == null) {
                throw DomainException.notFound("no pipeline named '" + pipelineName + "'");
            }
            return PipelineRun.page(pipeline.id, after == null ? null : after.createdAt(),
                    after == null ? null : after.id(), size + 1);
        })).map(runs -> {
            if (runs.size() <= size) {
                return new RunPage(runs, "");
            }
            PipelineRun last = runs.get(size - 1);
            return new RunPage(runs.subList(0, size), new Cursor(last.createdAt, last.id).format());
        });
    }

    /** Where a page ends: opaque to clients. */
    record Cursor(Instant createdAt, UUID id) {

        String format() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (createdAt.toString() + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String token) {
            if (token == null || token.isEmpty()) {
                return null;
            }
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw DomainException.invalid("page_token is not one this service gave out");
            }
        }
    }
}
