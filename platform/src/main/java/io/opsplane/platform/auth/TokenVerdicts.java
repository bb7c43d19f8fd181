package io.opsplane.platform.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What security-service last said about a token (keyed by the token's hash), and how far that answer may be
 * trusted at a given instant: a fresh answer is used as it is; an accepted answer past its TTL but within
 * the stale window is still used while it is refreshed; anything older is asked again.
 *
 * @param <P> the principal an accepted token stands for
 */
public final class TokenVerdicts<P> {

    /** How a cached answer may be used now. */
    public enum Use { ACCEPT, REFUSE, ACCEPT_AND_REFRESH, ASK }

    /** The decision for one lookup; {@code principal} is set when the token is let in. */
    public record Lookup<P>(Use use, Optional<P> principal) {
    }

    private record Verdict<P>(P principal, Instant until, Instant staleUntil) {
    }

    private final Duration ttl;
    private final Duration staleWindow;
    private final Cache<String, Verdict<P>> verdicts;

    public TokenVerdicts(Duration ttl, Duration staleWindow, int maximumSize) {
        this.ttl = ttl;
        this.staleWindow = staleWindow;
        this.verdicts = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public Lookup<P> lookup(String key, Instant now) {
        Verdict<P> cached = verdicts.getIfPresent(key);
        if (cached == null) {
            return new Lookup<>(Use.ASK, Optional.empty());
        }
        if (now.isBefore(cached.until())) {
            return cached.principal() == null ? new Lookup<>(Use.REFUSE, Optional.empty())
                    : new Lookup<>(Use.ACCEPT, Optional.of(cached.principal()));
        }
        if (cached.principal() != null && now.isBefore(cached.staleUntil())) {
            return new Lookup<>(Use.ACCEPT_AND_REFRESH, Optional.of(cached.principal()));
        }
        return new Lookup<>(Use.ASK, Optional.empty());
    }

    /** Security-service accepted the token at {@code now}; it expires at {@code expiresAt}. */
    public void accepted(String key, P principal, Instant now, Instant expiresAt) {
        verdicts.put(key, new Verdict<>(principal, earliest(now.plus(ttl), expiresAt),
                earliest(now.plus(ttl).plus(staleWindow), expiresAt)));
    }

    /** Security-service refused the token at {@code now}: refused for one TTL, never stale-accepted. */
    public void refused(String key, Instant now) {
        verdicts.put(key, new Verdict<>(null, now.plus(ttl), now.plus(ttl)));
    }

    /** Forgets every answer: the next lookup of any token asks again. */
    public void forgetAll() {
        verdicts.invalidateAll();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
