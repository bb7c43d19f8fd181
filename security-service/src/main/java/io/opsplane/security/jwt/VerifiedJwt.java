package io.opsplane.security.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a verified bearer token says about its holder.
 *
 * @param subject   the user, from the configured subject claim
 * @param groups    the groups from the configured groups claim; empty when the token has none
 * @param expiresAt the token's {@code exp}
 * @param tokenId   the {@code jti} claim, or {@code jwt:} and 32 hex digits of the token's SHA-256 when it has none
 */
public record VerifiedJwt(String subject, List<String> groups, Instant expiresAt, String tokenId) {

    public VerifiedJwt {
        Objects.requireNonNull(subject, "subject");
        groups = List.copyOf(groups);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(tokenId, "tokenId");
    }
}
