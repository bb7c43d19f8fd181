package io.opsplane.security.jwt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checks on a signed token's claims, each refusing with its own reason. */
final class TokenClaims {

    static final int MAX_SUBJECT_LENGTH = 256;
    static final int MAX_TOKEN_ID_LENGTH = 256;
    /** 9999-12-31T23:59:59Z: later dates are not meant, and the bound keeps the arithmetic in range. */
    private static final BigDecimal MAX_NUMERIC_DATE = BigDecimal.valueOf(253_402_300_799L);
    /** Beyond this, scaling a number would cost more than any real date needs. */
    private static final int MAX_NUMBER_SCALE = 64;

    private final Map<String, Object> claims;

    TokenClaims(Map<String, Object> claims) {
        this.claims = claims;
    }

    /** Checks {@code exp}, {@code nbf} and {@code iat} against {@code now} and returns {@code exp}. */
    Instant checkTimes(Instant now, Duration leeway) {
        Instant expiresAt = numericDate("exp").orElseThrow(
                () -> new JwtRejectedException(RejectionReason.EXPIRATION_MISSING, "exp is missing"));
        if (!expiresAt.isAfter(now.minus(leeway))) {
            throw new JwtRejectedException(RejectionReason.EXPIRED, "exp " + expiresAt + " is past (now " + now + ")");
        }
        Optional<Instant> notBefore = numericDate("nbf");
        if (notBefore.isPresent() && notBefore.get().isAfter(now.plus(leeway))) {
            throw new JwtRejectedException(RejectionReason.NOT_YET_VALID,
                    "nbf " + notBefore.get() + " is ahead (now " + now + ")");
        }
        Optional<Instant> issuedAt = numericDate("iat");
        if (issuedAt.isPresent() && issuedAt.get().isAfter(now.plus(leeway))) {
            throw new JwtRejectedException(RejectionReason.ISSUED_IN_FUTURE,
                    "iat " + issuedAt.get() + " is ahead (now " + now + ")");
        }
        return expiresAt;
    }

    void checkIssuer(String issuer) {
        Object iss = claims.get("iss");
        if (iss == null) {
            throw new JwtRejectedException(RejectionReason.ISSUER_MISSING, "iss is missing");
        }
        if (!issuer.equals(iss)) {
            throw new JwtRejectedException(RejectionReason.ISSUER_MISMATCH,
                    "iss " + (iss instanceof String text ? LogText.quote(text) : "is not a string")
                            + " is not the expected issuer");
        }
    }

    void checkAudience(Set<String> accepted) {
        Object aud = claims.get("aud");
        if (aud == null) {
            throw new JwtRejectedException(RejectionReason.AUDIENCE_MISSING, "aud is missing");
        }
        List<?> named = aud instanceof List<?> list ? list : List.of(aud);
        if (!named.stream().allMatch(String.class::isInstance)) {
            throw new JwtRejectedException(RejectionReason.AUDIENCE_MISMATCH,
                    "aud is not a string or an array of strings");
        }
        if (named.stream().noneMatch(accepted::contains)) {
            throw new JwtRejectedException(RejectionReason.AUDIENCE_MISMATCH,
                    "aud names none of the accepted audiences");
        }
    }

    String subject(String claim) {
        Object value = claims.get(claim);
        if (value == null) {
            throw new JwtRejectedException(RejectionReason.SUBJECT_MISSING, claim + " is missing");
        }
        if (!(value instanceof String subject)) {
            throw new JwtRejectedException(RejectionReason.SUBJECT_INVALID, claim + " is not a string");
        }
        if (subject.isBlank()) {
            throw new JwtRejectedException(RejectionReason.SUBJECT_INVALID, claim + " is blank");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            throw new JwtRejectedException(RejectionReason.SUBJECT_INVALID,
                    claim + " is longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
        // The subject names the user in audit records and logs, where control characters could forge lines.
        if (subject.chars().anyMatch(Character::isISOControl)) {
            throw new JwtRejectedException(RejectionReason.SUBJECT_INVALID, claim + " has control characters");
        }
        return subject;
    }

    /** The groups at {@code path}: a string is one group, an array of strings many, an absent claim none. */
    List<String> groups(ClaimPath path) {
        Optional<Object> value;
        try {
            value = path.find(claims);
        } catch (IllegalArgumentException e) {
            throw new JwtRejectedException(RejectionReason.GROUPS_INVALID, "groups claim " + path + ": " + e.getMessage());
        }
        if (value.isEmpty()) {
            return List.of();
        }
        if (value.get() instanceof String group) {
            return List.of(group);
        }
        if (value.get() instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            List<String> groups = new ArrayList<>(list.size());
            list.forEach(group -> groups.add((String) group));
            return groups;
        }
        throw new JwtRejectedException(RejectionReason.GROUPS_INVALID,
                "groups claim " + path + " is not a string or an array of strings");
    }

    /** The {@code jti} claim, or empty when the token has none. */
    Optional<String> tokenId() {
        if (!claims.containsKey("jti")) {
            return Optional.empty();
        }
        if (!(claims.get("jti") instanceof String jti) || jti.isBlank() || jti.length() > MAX_TOKEN_ID_LENGTH) {
            throw new JwtRejectedException(RejectionReason.TOKEN_ID_INVALID,
                    "jti is not a non-blank string of at most " + MAX_TOKEN_ID_LENGTH + " characters");
        }
        return Optional.of(jti);
    }

    private Optional<Instant> numericDate(String name) {
        if (!claims.containsKey(name)) {
            return Optional.empty();
        }
        if (!(claims.get(name) instanceof BigDecimal seconds)) {
            throw new JwtRejectedException(RejectionReason.INVALID_TIME_CLAIM, name + " is not a number");
        }
        if (Math.abs(seconds.scale()) > MAX_NUMBER_SCALE || seconds.signum() < 0
                || seconds.compareTo(MAX_NUMERIC_DATE) > 0) {
            throw new JwtRejectedException(RejectionReason.INVALID_TIME_CLAIM, name + " is out of range");
        }
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        int nanos = seconds.subtract(whole).movePointRight(9).intValue();
        return Optional.of(Instant.ofEpochSecond(whole.longValueExact(), nanos));
    }
}
