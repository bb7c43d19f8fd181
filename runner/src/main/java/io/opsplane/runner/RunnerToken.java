package io.opsplane.runner;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.platform.access.OwnToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Every call to pipeline-service carries the runner's token. */
@ApplicationScoped
public class RunnerToken implements ClientInterceptor {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of(AuthHeaders.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER);

    @Inject
    RunnerConfig config;

    private volatile String header;

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String value = header();
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(AUTHORIZATION, value);
                super.start(listener, headers);
            }
        };
    }

    private String header() {
        if (header == null) {
            String token = OwnToken.resolve(config.token(), config.tokenFile()).orElseThrow(() ->
                    new IllegalStateException("the runner has no token: set OPSPLANE_RUNNER_TOKEN or "
                            + "OPSPLANE_RUNNER_TOKEN_FILE (a token with the runner role)"));
            header = AuthHeaders.BEARER + token;
        }
        return header;
    }
}
