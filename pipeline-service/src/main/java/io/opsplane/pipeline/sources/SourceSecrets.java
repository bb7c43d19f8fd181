package io.opsplane.pipeline.sources;

import io.opsplane.platform.auth.ServiceCredentials;
import io.opsplane.proto.security.v1.GetSecretValueRequest;
import io.opsplane.proto.security.v1.MutinySecretServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Secrets of a pipeline's scope that its source uses: the webhook secret and the repository credentials, fetched
 * from security-service (each use recorded there with its purpose) and kept for a short while, so that a burst
 * of deliveries does not ask for the same value each time.
 */
@ApplicationScoped
public class SourceSecrets {

    private record Held(String value, Instant until) {
    }

    @GrpcClient("secrets")
    MutinySecretServiceGrpc.MutinySecretServiceStub secrets;

    @Inject
    ServiceCredentials credentials;

    @ConfigProperty(name = "opsplane.pipeline.secrets.call-timeout", defaultValue = "5s")
    Duration callTimeout;

    @ConfigProperty(name = "opsplane.pipeline.sources.secret-cache", defaultValue = "30s")
    Duration keep;

    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /** The value of secret {@code name} of scope {@code pipeline:<pipelineName>}. */
    public Uni<String> value(String pipelineName, String name, String purpose) {
        String key = pipelineName + "\n" + name;
        Held current = held.get(key);
        if (current != null && Instant.now().isBefore(current.until())) {
            return Uni.createFrom().item(current.value());
        }
        return credentials.call("to fetch secrets with", metadata -> GrpcClientUtils.attachHeaders(secrets, metadata)
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .getSecretValue(GetSecretValueRequest.newBuilder().setScope("pipeline:" + pipelineName).setName(name)
                        .setPurpose(purpose).build()))
                .map(value -> value.getValue())
                .invoke(value -> held.put(key, new Held(value, Instant.now().plus(keep))));
    }

    /** Forgets what is held (a source changed). */
    public void forget(String pipelineName) {
        held.keySet().removeIf(key -> key.startsWith(pipelineName + "\n"));
    }
}
