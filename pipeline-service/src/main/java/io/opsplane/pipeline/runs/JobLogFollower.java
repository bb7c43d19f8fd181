package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.domain.JobAttempt;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Streams a job's log from an offset. Following, it wakes when this instance stores log bytes or ends a
 * job, and looks again every second for what another instance stored; it ends after the job has ended and
 * every byte was sent, with a last piece marked complete.
 */
@ApplicationScoped
public class JobLogFollower {

    private static final Duration IDLE_LOOK = Duration.ofSeconds(1);

    @Inject
    RunQueries queries;

    @Inject
    JobLogs logs;

    @Inject
    JobSignals signals;

    /** A piece of a log; the last one of a finished job has {@code complete} set and may be empty. */
    public record FollowedPiece(long offset, byte[] data, int attempt, boolean complete) {
    }

    private record Step(List<FollowedPiece> pieces, boolean last) {
    }

    public Multi<FollowedPiece> follow(UUID runId, String jobName, int attemptNumber, long offset, boolean follow) {
        return Multi.createFrom().uni(queries.attempt(runId, jobName, attemptNumber))
                .onItem().transformToMultiAndConcatenate(attempt -> steps(attempt.id, attempt.number, offset, follow));
    }

    private Multi<FollowedPiece> steps(UUID attemptId, int number, long from, boolean follow) {
        long[] next = {Math.max(0, from)};
        return Multi.createBy().repeating().uni(() -> step(attemptId, number, next, follow))
                .whilst(step -> !step.last())
                .onItem().transformToIterable(Step::pieces);
    }

    private Uni<Step> step(UUID attemptId, int number, long[] next, boolean follow) {
        // Listen before looking, so a change while we look is not missed; read the status before the bytes,
        // so a job seen finished has all its bytes stored already.
        Uni<Void> change = signals.nextLogChange(IDLE_LOOK);
        return Panache.withSession(() -> JobAttempt.<JobAttempt>findById(attemptId))
                .flatMap(attempt -> logs.read(attemptId, next[0]).flatMap(pieces -> {
                    if (!pieces.isEmpty()) {
                        List<FollowedPiece> out = pieces.stream().map(p -> new FollowedPiece(p.offset(), p.data(), number,
                                false)).toList();
                        JobLogs.Piece last = pieces.get(pieces.size() - 1);
                        next[0] = last.offset() + last.data().length;
                        return Uni.createFrom().item(new Step(out, false));
                    }
                    if (!attempt.isActive() || !follow) {
                        return Uni.createFrom().item(new Step(List.of(new FollowedPiece(next[0], new byte[0], number,
                                !attempt.isActive())), true));
                    }
                    return change.replaceWith(new Step(List.of(), false));
                }));
    }
}
