package io.opsplane.gateway.limits;

import io.opsplane.gateway.problem.Problem;
import io.opsplane.gateway.trace.Correlation;
import io.opsplane.platform.crypto.Sha256;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request with 429 once its caller has spent its budget: per token for requests that carry
 * {@code Authorization: Bearer <token>} (keyed by the token's hash, never the token), per client
 * address for the others. It runs before authentication, so a caller that loops costs security-service
 * nothing once it is over its limit. A request with a token is also refused while its address has had
 * too many tokens refused (see {@link RefusedTokens}). The {@code /q} endpoints (health, metrics, OpenAPI) are not
 * resources and never reach it.
 */
public class RateLimitFilter {

    private static final String FORWARDED_FOR = "X-Forwarded-For";

    @Inject
    RateLimitSettings settings;

    @Inject
    RefusedTokens refusedTokens;

    private RateLimiter perToken;
    private RateLimiter perAddress;
    private Set<String> trustedProxies;

    @PostConstruct
    void init() {
        perToken = new RateLimiter(settings.perToken().rate(), settings.perToken().burst(), settings.maxKeys());
        perAddress = new RateLimiter(settings.perAddress().rate(), settings.perAddress().burst(), settings.maxKeys());
        trustedProxies = settings.trustedProxies().orElse(Set.of());
    }

    @ServerRequestFilter(preMatching = true, priority = Priorities.AUTHENTICATION - 100)
    public Response limit(ContainerRequestContext request, HttpServerRequest http) {
        if (!settings.enabled()) {
            return null;
        }
        // A malformed bearer header counts against the address.
        String bearer = io.opsplane.platform.access.AuthHeaders.bearerToken(
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        String token = bearer.isEmpty() ? null : bearer;
        String address = clientAddress(http);
        request.setProperty(RefusedTokens.ADDRESS_PROPERTY, address);
        String refusal;
        RateLimiter.Decision decision;
        if (token == null) {
            decision = perAddress.tryAcquire(address);
            refusal = "too many requests from this address";
        } else {
            decision = refusedTokens.check(address);
            refusal = "too many refused tokens from this address";
            if (decision.allowed()) {
                decision = perToken.tryAcquire(Sha256.hex(token));
                refusal = "too many requests with this token";
            }
        }
        if (decision.allowed()) {
            return null;
        }
        long seconds = decision.retryAfterSeconds();
        String detail = refusal + "; retry in " + seconds + " s";
        Response problem = Problem.of(429, "Too Many Requests", detail)
                .withCorrelationId(Correlation.resolve(request.getHeaderString(Correlation.HEADER))).toResponse();
        return Response.fromResponse(problem).header(HttpHeaders.RETRY_AFTER, seconds).build();
    }


    private String clientAddress(HttpServerRequest http) {
        SocketAddress peer = http.remoteAddress();
        String address = peer == null || peer.hostAddress() == null ? "unknown" : peer.hostAddress();
        String forwardedFor = trustedProxies.isEmpty() ? null : String.join(",", http.headers().getAll(FORWARDED_FOR));
        return ClientAddress.of(address, forwardedFor == null || forwardedFor.isEmpty() ? null : forwardedFor,
                trustedProxies);
    }
}
