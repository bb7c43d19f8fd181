package io.opsplane.gateway.rest;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.opsplane.gateway.auth.Caller;
import io.opsplane.gateway.auth.GatewayIdentity;
import io.opsplane.platform.access.AuthHeaders;
import io.opentelemetry.context.Scope;
import io.opsplane.gateway.trace.Correlation;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a gRPC call on behalf of a REST request: as the caller (its principal assertion, relayed with
 * the gateway's own), with the request's correlation id, a deadline per attempt (a deadline set on an
 * injected stub would be absolute, counted from injection), and retries only for reads. The service
 * called decides whether the caller may. A server stream ({@link #stream}) is relayed the same way,
 * without the deadline.
 */
@ApplicationScoped
class ServiceCalls {

    private static final int READ_ATTEMPTS = 3;
    private static final Metadata.Key<String> PRINCIPAL =
            Metadata.Key.of(AuthHeaders.PRINCIPAL, Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> RELAYED_BY =
            Metadata.Key.of(AuthHeaders.RELAYED_BY, Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    Caller caller;

    @Inject
    GatewayIdentity identity;

    @ConfigProperty(name = "opsplane.gateway.call-timeout")
    Duration callTimeout;

    /** A call that changes something: made once. */
    <S extends AbstractStub<S>, T> T write(String correlationId, S stub, Function<S, T> call) {
        try (Scope scope = Correlation.open(correlationId)) {
            return call.apply(withDeadline(stub));
        }
    }

    /**
     * A call the gateway makes as itself, for a request that carries no token (a webhook delivery, which the
     * service authenticates by its signature): the gateway's assertion is the principal.
     */
    <S extends AbstractStub<S>, T> T writeAsGateway(String correlationId, S stub, Function<S, T> call) {
        try (Scope scope = Correlation.open(correlationId)) {
            Metadata metadata = new Metadata();
            metadata.put(PRINCIPAL, identity.assertion().await().atMost(callTimeout));
            return call.apply(stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                    .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** A read: retried briefly when the service is momentarily unavailable. */
    <S extends AbstractStub<S>, T> T read(String correlationId, S stub, Function<S, T> call) {
        return read(correlationId, stub, call, callTimeout);
    }

    /** A read with a deadline of its own per attempt (a query that may run longer than an ordinary call). */
    <S extends AbstractStub<S>, T> T read(String correlationId, S stub, Function<S, T> call, Duration deadline) {
        try (Scope scope = Correlation.open(correlationId)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.apply(withDeadline(stub, deadline));
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == READ_ATTEMPTS) {
                        throw e;
                    }
                    sleep(50L * attempt);
                }
            }
        }
    }

    /**
     * A server-streaming call (a job's log, which may be followed for as long as the job runs): as the
     * caller, with the correlation id, and without the per-call deadline. The call starts when the stream
     * is subscribed to and is cancelled when the subscriber cancels, as the REST layer does when the
     * HTTP client goes away (the Mutiny stubs do not pass a cancellation on to the call by themselves).
     */
    <S extends AbstractStub<S>, T> Multi<T> stream(String correlationId, S stub, Function<S, Multi<T>> call) {
        String callerAssertion = caller.principal().getAssertion();
        io.opentelemetry.context.Context request = io.opentelemetry.context.Context.current();
        return identity.assertion().onItem().transformToMulti(relayedBy -> {
            S asCaller = asCaller(stub, callerAssertion, relayedBy);
            return Multi.createFrom().<T>emitter(emitter -> {
                io.grpc.Context.CancellableContext cancellable = io.grpc.Context.current().withCancellation();
                // Cancelling the context cancels the call; the stream then fails with CANCELLED, which nobody
                // is waiting for any more.
                emitter.onTermination(() -> cancellable.cancel(null));
                // The call takes its trace context, baggage and cancellation from the context it starts in.
                io.grpc.Context previous = cancellable.attach();
                try (Scope trace = request.makeCurrent(); Scope correlation = Correlation.open(correlationId)) {
                    call.apply(asCaller).subscribe().with(emitter::emit, failure -> {
                        if (!emitter.isCancelled()) {
                            emitter.fail(failure);
                        }
                    }, emitter::complete);
                } finally {
                    cancellable.detach(previous);
                }
            });
        });
    }

    private <S extends AbstractStub<S>> S withDeadline(S stub) {
        return withDeadline(stub, callTimeout);
    }

    private <S extends AbstractStub<S>> S withDeadline(S stub, Duration deadline) {
        return asCaller(stub, caller.principal().getAssertion(), identity.assertion().await().atMost(callTimeout))
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The one place that makes a call the caller's: its assertion, and the gateway's as the relay. */
    private static <S extends AbstractStub<S>> S asCaller(S stub, String callerAssertion, String gatewayAssertion) {
        Metadata metadata = new Metadata();
        metadata.put(PRINCIPAL, callerAssertion);
        metadata.put(RELAYED_BY, gatewayAssertion);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
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
