package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resource groups across the runs of one pipeline, as GitLab holds them across a project's pipelines: one job of a
 * group at a time, whichever run it belongs to. A run whose jobs may take a group takes a transaction-scoped
 * advisory lock for its pipeline first, so two runs deciding at once cannot both see a group free; the lock is
 * released at commit, when the decision is visible to the next run.
 */
final class ResourceGroups {

    /** Job states that want a group: the scheduler may give it to them now. */
    private static final Set<String> WANTING = Set.of(JobStatuses.CREATED, JobStatuses.SCHEDULED,
            JobStatuses.WAITING_FOR_RESOURCE);

    private ResourceGroups() {
    }

    /** Inside the run's transaction: the groups of this run's waiting jobs that jobs of other runs hold now. */
    static Uni<Set<String>> heldElsewhere(PipelineRun run, List<RunJob> jobs) {
        Set<String> wanted = jobs.stream().filter(job -> job.resourceGroup != null && WANTING.contains(job.status))
                .map(job -> job.resourceGroup).collect(Collectors.toSet());
        if (wanted.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended('opsplane.resource-groups/' "
                        + "|| :pipeline, 0))) AS locked")
                .setParameter("pipeline", run.pipelineName).getSingleResult()
                .flatMap(locked -> session.createNativeQuery("""
                        SELECT DISTINCT j.resource_group FROM run_job j JOIN pipeline_run r ON r.id = j.run_id
                         WHERE r.pipeline_name = :pipeline AND j.run_id <> :run AND j.resource_group IN (:groups)
                           AND j.status IN ('pending', 'running')""", String.class)
                        .setParameter("pipeline", run.pipelineName).setParameter("run", run.id)
                        .setParameter("groups", List.copyOf(wanted)).getResultList()))
                .map(HashSet::new);
    }
}
