package io.opsplane.security.jwt;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a bearer token from the identity provider must satisfy to be accepted.
 *
 * @param issuer         the exact {@code iss} value expected
 * @param audiences      accepted {@code aud} values; a token must name at least one of them
 * @param leeway         clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}
 * @param subjectClaim   the claim that names the user, for example {@code sub} or {@code preferred_username}
 * @param groupsClaim    dotted path to the groups, for example {@code groups} or {@code realm_access.roles}
 * @param maxTokenLength longest compact token looked at, in characters
 */
public record JwtSettings(String issuer, Set<String> audiences, Duration leeway, String subjectClaim,
        String groupsClaim, int maxTokenLength) {

    public static final Duration DEFAULT_LEEWAY = Duration.ofSeconds(30);
    public static final String DEFAULT_SUBJECT_CLAIM = "sub";
    public static final String DEFAULT_GROUPS_CLAIM = "groups";
    public static final int DEFAULT_MAX_TOKEN_LENGTH = 8192;

    public JwtSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("JWT issuer must not be blank");
        }
        if (audiences == null || audiences.isEmpty()) {
            throw new IllegalArgumentException("JWT settings need at least one accepted audience");
        }
        for (String audience : audiences) {
            if (audience == null || audience.isBlank()) {
                throw new IllegalArgumentException("JWT audiences must not be blank: " + audiences);
            }
        }
        audiences = Set.copyOf(audiences);
        Objects.requireNonNull(leeway, "JWT clock leeway");
        if (leeway.isNegative()) {
            throw new IllegalArgumentException("JWT clock leeway must not be negative: " + leeway);
        }
        if (subjectClaim == null || subjectClaim.isBlank()) {
            throw new IllegalArgumentException("JWT subject claim name must not be blank");
        }
        ClaimPath.parse(groupsClaim);
        if (maxTokenLength <= 0) {
            throw new IllegalArgumentException("JWT max token length must be positive: " + maxTokenLength);
        }
    }

    /** Settings with the defaults: 30 s leeway, subject {@code sub}, groups {@code groups}, 8192 chars. */
    public static JwtSettings of(String issuer, Set<String> audiences) {
        return new JwtSettings(issuer, audiences, DEFAULT_LEEWAY, DEFAULT_SUBJECT_CLAIM, DEFAULT_GROUPS_CLAIM,
                DEFAULT_MAX_TOKEN_LENGTH);
    }

    public JwtSettings withLeeway(Duration newLeeway) {
        return new JwtSettings(issuer, audiences, newLeeway, subjectClaim, groupsClaim, maxTokenLength);
    }

    public JwtSettings withSubjectClaim(String newSubjectClaim) {
        return new JwtSettings(issuer, audiences, leeway, newSubjectClaim, groupsClaim, maxTokenLength);
    }

    public JwtSettings withGroupsClaim(String newGroupsClaim) {
        return new JwtSettings(issuer, audiences, leeway, subjectClaim, newGroupsClaim, maxTokenLength);
    }

    public JwtSettings withMaxTokenLength(int newMaxTokenLength) {
        return new JwtSettings(issuer, audiences, leeway, subjectClaim, groupsClaim, newMaxTokenLength);
    }
}
