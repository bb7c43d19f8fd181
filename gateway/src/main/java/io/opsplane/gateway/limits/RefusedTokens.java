package io.opsplane.gateway.limits;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Counts the bearer tokens refused per client address. The per-token limit alone cannot stop one address
 * from sending a new random token with every request (each a fresh bucket and an authentication at
 * security-service); an address that spends this budget is refused before authentication until it refills.
 */
@ApplicationScoped
public class RefusedTokens {

    /** The request property under which the rate limit filter leaves the client address it resolved. */
    static final String ADDRESS_PROPERTY = "opsplane.client-address";

    @Inject
    RateLimitSettings settings;

    private RateLimiter refusals;

    @PostConstruct
    void init() {
        RateLimitSettings.Limit limit = settings.refusedTokensPerAddress();
        refusals = new RateLimiter(limit.rate(), limit.burst(), settings.maxKeys());
    }

    /**
     * The client address the rate limit filter resolved (proxies considered), or the connection's peer when
     * the limits are off.
     */
    public static String clientAddress(ContainerRequestContext request, HttpServerRequest http) {
        if (request.getProperty(ADDRESS_PROPERTY) instanceof String address) {
            return address;
        }
        return http == null || http.remoteAddress() == null || http.remoteAddress().hostAddress() == null ? ""
                : http.remoteAddress().hostAddress();
    }

    /** Whether the address of this request may still present tokens. */
    RateLimiter.Decision check(String address) {
        return refusals.peek(address);
    }

    /** Charges the request's address for a token that was refused (401). */
    public void refused(ContainerRequestContext request) {
        if (request.getProperty(ADDRESS_PROPERTY) instanceof String address) {
            refusals.tryAcquire(address);
        }
    }
}
