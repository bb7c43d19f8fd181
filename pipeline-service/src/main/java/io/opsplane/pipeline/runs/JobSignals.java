package io.opsplane.pipeline.runs;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Wakes long-polling runners and log followers of this instance as soon as something changed. Another
 * instance's changes are seen when the wait times out (a second at most), so waiters also poll.
 */
@ApplicationScoped
public class JobSignals {

    private final AtomicReference<CompletableFuture<Void>> jobs = new AtomicReference<>(new CompletableFuture<>());
    private final AtomicReference<CompletableFuture<Void>> logs = new AtomicReference<>(new CompletableFuture<>());

    /** A job was queued or canceled: runners waiting for work look again. */
    public void jobsChanged() {
        jobs.getAndSet(new CompletableFuture<>()).complete(null);
    }

    /** A log grew or a job finished: followers read again. */
    public void logsChanged() {
        logs.getAndSet(new CompletableFuture<>()).complete(null);
    }

    Uni<Void> nextJobChange(Duration atMost) {
        return wait(jobs.get(), atMost);
    }

    Uni<Void> nextLogChange(Duration atMost) {
        return wait(logs.get(), atMost);
    }

    /**
     * Completes on the waiter's own Vert.x context: a signal completes on the thread of whoever changed
     * something, and a timeout on a timer thread, and the waiter's next database step must not run in another
     * call's context (it would share that call's session).
     */
    private static Uni<Void> wait(CompletableFuture<Void> signal, Duration atMost) {
        if (atMost.isNegative() || atMost.isZero()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> waited = Uni.createFrom().completionStage(signal.copy()).ifNoItem().after(atMost)
                .recoverWithItem((Void) null);
        Context context = Vertx.currentContext();
        return context == null ? waited : waited.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}
