package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.PipelineRun;
import io.opsplane.pipeline.domain.RunJob;
import io.opsplane.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Offers a resource group that a job has just let go to the runs of its pipeline that wait for it, oldest first,
 * until one takes it. Runs that wait when nobody offers (a lease expired, a run was canceled) are moved on by the
 * lease sweeper's next pass.
 */
@ApplicationScoped
public class ResourceHandover {

    private static final int CANDIDATES = 20;

    /** A resource group of one pipeline. */
    public record Group(String pipeline, String name) {
    }

    @Inject
    Outbox outbox;

    @Inject
    RunAdvancer advancer;

    @Inject
    JobSignals signals;

    public Uni<Void> offer(Group group) {
        return Panache.withSession(() -> RunJob.runsWaitingForResource(group.pipeline(), group.name(), CANDIDATES))
                .flatMap(runs -> offerTo(runs, 0));
    }

    private Uni<Void> offerTo(List<UUID> runs, int next) {
        if (next >= runs.size()) {
            return Uni.createFrom().voidItem();
        }
        return outbox.inTransaction(() -> PipelineRun.lock(runs.get(next))
                .flatMap(run -> advancer.advance(run, Instant.now()))).flatMap(advanced -> {
                    if (advanced.queued()) {
                        signals.jobsChanged();
                        return Uni.createFrom().voidItem();
                    }
                    return offerTo(runs, next + 1);
                });
    }
}
