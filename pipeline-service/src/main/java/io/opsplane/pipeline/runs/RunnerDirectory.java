package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.Runner;
import io.opsplane.platform.errors.DomainException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The registered runners, how busy they are, and pausing them. */
@ApplicationScoped
public class RunnerDirectory {

    public record Listed(List<Runner> runners, Map<UUID, Integer> runningJobs) {
    }

    public Uni<Listed> list() {
        return Panache.withSession(() -> Runner.<Runner>list("order by name").flatMap(runners -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("SELECT runner_id, count(*) FROM job_attempt"
                        + " WHERE status = 'running' GROUP BY runner_id", Object[].class).getResultList())
                .map(rows -> {
                    Map<UUID, Integer> running = new HashMap<>();
                    for (Object[] row : rows) {
                        running.put((UUID) row[0], ((Number) row[1]).intValue());
                    }
                    return new Listed(runners, running);
                })));
    }

    public Uni<Runner> setPaused(UUID runnerId, boolean paused) {
        return Panache.withTransaction(() -> Runner.<Runner>findById(runnerId).map(runner -> {
            if (runner == null) {
                throw DomainException.notFound("no runner " + runnerId);
            }
            runner.paused = paused;
            return runner;
        }));
    }
}
