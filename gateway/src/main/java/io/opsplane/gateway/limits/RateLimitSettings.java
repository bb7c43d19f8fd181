package io.opsplane.gateway.limits;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;
import java.util.Set;

/**
 * {@code opsplane.gateway.rate-limit.*}: how many requests one token, or one client address without a
 * token, may make. The values are in {@code application.properties}.
 */
@ConfigMapping(prefix = "opsplane.gateway.rate-limit")
public interface RateLimitSettings {

    /** When false, no request is refused for its rate. */
    boolean enabled();

    /** For requests with {@code Authorization: Bearer <token>}, per token. */
    Limit perToken();

    /** For requests without a token, per client address. */
    Limit perAddress();

    /**
     * Refused tokens per client address: an address whose bearer tokens security-service keeps refusing
     * (guessing, or a flood of random tokens, each of which would cost an authentication) gets 429 for
     * every request with a token until its bucket refills.
     */
    Limit refusedTokensPerAddress();

    /** How many tokens, and how many addresses, each limit remembers at most. */
    long maxKeys();

    /**
     * Addresses of reverse proxies whose {@code X-Forwarded-For} is believed. None by default: the
     * client address is the peer of the connection, whatever the request says.
     */
    Optional<Set<String>> trustedProxies();

    /** A token bucket: {@code rate} requests per second on average, up to {@code burst} at once. */
    interface Limit {

        double rate();

        int burst();
    }
}
