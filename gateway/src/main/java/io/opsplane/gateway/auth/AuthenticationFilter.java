package io.opsplane.gateway.auth;

import io.grpc.StatusRuntimeException;
import io.opsplane.platform.access.AuthHeaders;
import io.opsplane.gateway.problem.GrpcProblems;
import io.opsplane.gateway.limits.RefusedTokens;
import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Deny by default: every request that reaches a REST resource (all of {@code /api}; the {@code /q}
 * endpoints for health, metrics and the OpenAPI document are not resources) must carry
 * {@code Authorization: Bearer <token>} with a token security-service accepts, or it ends here with
 * 401, before any resource runs; unknown paths too. The one exception: webhook deliveries
 * ({@code POST /api/v1/hooks/github|gitlab/<pipeline>}), authenticated by their signature instead.
 */
public class AuthenticationFilter {

    private static final Logger LOG = Logger.getLogger(AuthenticationFilter.class);
    /**
     * API tokens are 47 characters, identity provider JWTs a few thousand; anything longer than
     * security-service would look at is refused here, without a call.
     */
    private static final int MAX_TOKEN_LENGTH = 8192;

    @Inject
    TokenAuthenticator authenticator;

    @Inject
    Caller caller;

    @Inject
    RefusedTokens refusedTokens;

    @Inject
    AuthenticationTimer timer;

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> authenticate(ContainerRequestContext request, HttpServerRequest http) {
        // Webhook deliveries carry a signature, not a token; pipeline-service checks it.
        if ("POST".equals(request.getMethod())
                && io.opsplane.gateway.rest.HooksResource.UNAUTHENTICATED_PATH.matcher(
                        request.getUriInfo().getRequestUri().getRawPath()).matches()) {
            return Uni.createFrom().nullItem();
        }
        long started = System.nanoTime();
        String header = request.getHeaderString("Authorization");
        String correlationId = Correlation.resolve(request.getHeaderString(Correlation.HEADER));
        String token = AuthHeaders.bearerToken(header);
        if (token.isEmpty()) {
            return Uni.createFrom().item(Problem.of(401, "Unauthorized",
                    "this call needs an API token: Authorization: Bearer <token>")
                    .withCorrelationId(correlationId).toResponse());
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            refusedTokens.refused(request);
            return Uni.createFrom().item(Problem.of(401, "Unauthorized",
                    "the token is missing, unknown, expired or revoked").withCorrelationId(correlationId).toResponse());
        }
        return authenticator.authenticate(token, RefusedTokens.clientAddress(request, http))
                .map(principal -> {
                    caller.authenticated(principal);
                    timer.accepted(started);
                    return (Response) null;
                })
                .onFailure().recoverWithItem(failure -> {
                    Problem problem = failure instanceof StatusRuntimeException e ? GrpcProblems.of(e.getStatus())
                            : Problem.of(503, "Service Unavailable", "authentication is unavailable; try again shortly");
                    if (problem.status() == 401) {
                        refusedTokens.refused(request);
                    }
                    if (problem.status() >= 500) {
                        LOG.warnf("authentication failed: %s", failure.getMessage());
                    }
                    return problem.withCorrelationId(correlationId).toResponse();
                });
    }
}
