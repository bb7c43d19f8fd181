package io.opsplane.gateway.rest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.context.Scope;
import io.opsplane.gateway.trace.Correlation;
import java.util.function.Supplier;

/** Runs a gRPC call on behalf of a REST request: with its correlation id, retried only when safe. */
final class Calls {

    private static final int READ_ATTEMPTS = 3;

    private Calls() {
    }

    /** A call that changes something: made once. */
    static <T> T write(String correlationId, Supplier<T> call) {
        try (Scope scope = Correlation.open(correlationId)) {
            return call.get();
        }
    }

    /** A read: retried briefly when the service is momentarily unavailable. */
    static <T> T read(String correlationId, Supplier<T> call) {
        try (Scope scope = Correlation.open(correlationId)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.get();
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == READ_ATTEMPTS) {
                        throw e;
                    }
                    sleep(50L * attempt);
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED.withDescription("interrupted").asRuntimeException();
        }
    }
}
