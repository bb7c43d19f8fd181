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
 * called decides whether the caller may.
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

    /** A read: retried briefly when the service is momentarily unavailable. */
    <S extends AbstractStub<S>, T> T read(String correlationId, S stub, Function<S, T> call) {
        try (Scope scope = Correlation.open(correlationId)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.apply(withDeadline(stub));
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.UNAVAILABLE || attempt == READ_ATTEMPTS) {
                        throw e;
                    }
                    sleep(50L * attempt);
                }
            }
        }
    }

    private <S extends AbstractStub<S>> S withDeadline(S stub) {
        Metadata metadata = new Metadata();
        metadata.put(PRINCIPAL, caller.principal().getAssertion());
        metadata.put(RELAYED_BY, identity.assertion().await().atMost(callTimeout));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
