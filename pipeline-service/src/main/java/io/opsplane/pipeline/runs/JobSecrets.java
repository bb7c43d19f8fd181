package io.opsplane.pipeline.runs;

import io.grpc.Metadata;
import io.opsplane.platform.auth.ServiceCredentials;
import io.opsplane.proto.security.v1.GetSecretValueRequest;
import io.opsplane.proto.security.v1.MutinySecretServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The values of the secrets a job takes, fetched from security-service at the moment a runner starts the job
 * (never stored here), each use recorded there with the job as its purpose. A job reaches only secrets at
 * its own pipeline's scope: who may write a pipeline's definition cannot make it read anyone else's secrets.
 */
@ApplicationScoped
public class JobSecrets {

    @GrpcClient("secrets")
    MutinySecretServiceGrpc.MutinySecretServiceStub secrets;

    @Inject
    ServiceCredentials credentials;

    @ConfigProperty(name = "opsplane.pipeline.secrets.call-timeout", defaultValue = "5s")
    Duration callTimeout;

    /** Stored form: one {@code <variable>\t<secret>} per line. */
    static Map<String, String> parse(String stored) {
        Map<String, String> refs = new LinkedHashMap<>();
        if (stored != null && !stored.isEmpty()) {
            for (String line : stored.split("\n")) {
                int tab = line.indexOf('\t');
                refs.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return refs;
    }

    static String write(Map<String, String> refs) {
        StringBuilder out = new StringBuilder();
        refs.forEach((variable, secret) -> out.append(out.length() > 0 ? "\n" : "").append(variable).append('\t')
                .append(secret));
        return out.toString();
    }

    /** Variable name → value, for the secrets {@code refs} names; fails naming the first that cannot be had. */
    Uni<Map<String, String>> values(String pipelineName, Map<String, String> refs, String purpose) {
        Map<String, String> values = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return Uni.createFrom().item(values);
        }
        Metadata metadata;
        try {
            metadata = credentials.metadata("to fetch secrets with");
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> ref : refs.entrySet()) {
            chain = chain.flatMap(ignored -> GrpcClientUtils.attachHeaders(secrets, metadata)
                    .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getSecretValue(GetSecretValueRequest.newBuilder().setScope("pipeline:" + pipelineName)
                            .setName(ref.getValue()).setPurpose(purpose).build())
                    .invoke(value -> values.put(ref.getKey(), value.getValue()))
                    .onFailure().transform(failure -> new IllegalStateException("secret '" + ref.getValue()
                            + "' of pipeline:" + pipelineName + " for variable " + ref.getKey() + ": "
                            + failure.getMessage(), failure))
                    .replaceWithVoid());
        }
        return chain.replaceWith(values);
    }
}
