package io.opsplane.runner;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls to pipeline-service that must get through: while it restarts (or its token check is briefly
 * unavailable) the runner keeps its job going and tries again with a growing pause, up to a limit.
 */
final class RetryingCalls {

    private static final Set<Status.Code> TRANSIENT = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.ABORTED, Status.Code.INTERNAL, Status.Code.UNKNOWN);

    private RetryingCalls() {
    }

    static <T> T call(Supplier<T> call, Duration giveUpAfter) {
        Instant deadline = Instant.now().plus(giveUpAfter);
        long pauseMillis = 100;
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException e) {
                if (!TRANSIENT.contains(e.getStatus().getCode()) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
            }
            pauseMillis = Math.min(pauseMillis * 2, 5_000);
        }
    }

    /** The server says this attempt is not ours anymore: stop it and report nothing. */
    static boolean isLost(StatusRuntimeException e) {
        return e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION
                || e.getStatus().getCode() == Status.Code.NOT_FOUND;
    }
}
