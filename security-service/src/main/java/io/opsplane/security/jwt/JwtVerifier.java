package io.opsplane.security.jwt;

import io.opsplane.platform.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies bearer tokens from the identity provider: compact JWS signed with RS256 or ES256 by a key
 * from the {@link KeySource}, issued by the configured issuer for an accepted audience, and valid now.
 * Everything else is refused with a {@link JwtRejectedException} naming the check that failed.
 * Thread-safe.
 */
public final class JwtVerifier {

    private static final Set<String> ACCEPTED_TYPES = Set.of("jwt", "at+jwt");
    private static final String TOKEN_ID_PREFIX = "jwt:";
    private static final int HASHED_TOKEN_ID_HEX_DIGITS = 32;

    private final JwtSettings settings;
    private final KeySource keys;
    private final Clock clock;
    private final ClaimPath groupsPath;

    public JwtVerifier(JwtSettings settings, KeySource keys, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.groupsPath = ClaimPath.parse(settings.groupsClaim());
    }

    /**
     * The holder of {@code compactToken}, when every check passes.
     *
     * @throws JwtRejectedException naming the first check that failed
     */
    public VerifiedJwt verify(String compactToken) {
        if (compactToken == null || compactToken.isEmpty()) {
            throw new JwtRejectedException(RejectionReason.TOKEN_MISSING, "no token");
        }
        if (compactToken.length() > settings.maxTokenLength()) {
            throw new JwtRejectedException(RejectionReason.TOKEN_TOO_LONG, "token of " + compactToken.length()
                    + " characters is longer than " + settings.maxTokenLength());
        }
        String[] parts = compactToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new JwtRejectedException(RejectionReason.NOT_THREE_PARTS,
                    "token has " + parts.length + " parts, not 3");
        }
        byte[] headerBytes = decode(parts[0], "header");
        byte[] payloadBytes = decode(parts[1], "payload");
        byte[] signature = decode(parts[2], "signature");

        Map<String, Object> header = jsonObject(headerBytes, RejectionReason.HEADER_NOT_JSON_OBJECT, "header");
        JwtAlgorithm algorithm = algorithm(header);
        checkNoCriticalExtensions(header);
        checkType(header);
        String kid = kid(header);
        PublicKey key = keys.find(kid, algorithm.name()).orElseThrow(() -> new JwtRejectedException(
                RejectionReason.UNKNOWN_KEY, kid == null ? "no kid, and not exactly one " + algorithm + " key"
                        : "no key for kid " + LogText.quote(kid)));
        if (!algorithm.fits(key)) {
            throw new JwtRejectedException(RejectionReason.ALGORITHM_KEY_MISMATCH,
                    algorithm + " does not fit the " + key.getAlgorithm() + " key of kid " + LogText.quote(kid));
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        SignatureCheck.verify(algorithm, key, signingInput, signature);

        // Claims are read only once the signature vouches for them.
        TokenClaims claims = new TokenClaims(
                jsonObject(payloadBytes, RejectionReason.PAYLOAD_NOT_JSON_OBJECT, "payload"));
        Instant expiresAt = claims.checkTimes(clock.instant(), settings.leeway());
        claims.checkIssuer(settings.issuer());
        claims.checkAudience(settings.audiences());
        String subject = claims.subject(settings.subjectClaim());
        List<String> groups = claims.groups(groupsPath);
        String tokenId = claims.tokenId().orElseGet(() -> TOKEN_ID_PREFIX
                + Sha256.hex(compactToken).substring(0, HASHED_TOKEN_ID_HEX_DIGITS));
        return new VerifiedJwt(subject, groups, expiresAt, tokenId);
    }

    private static byte[] decode(String part, String name) {
        try {
            return Base64Url.decode(part);
        } catch (IllegalArgumentException e) {
            throw new JwtRejectedException(RejectionReason.NOT_BASE64URL, name + " is not base64url: " + e.getMessage());
        }
    }

    private static Map<String, Object> jsonObject(byte[] utf8, RejectionReason notObject, String name) {
        try {
            return StrictJson.parseObject(utf8);
        } catch (StrictJson.MalformedJsonException e) {
            throw new JwtRejectedException(e.duplicateKey() ? RejectionReason.DUPLICATE_JSON_KEY : notObject,
                    name + ": " + e.getMessage());
        }
    }

    private static JwtAlgorithm algorithm(Map<String, Object> header) {
        Object alg = header.get("alg");
        if (!(alg instanceof String name)) {
            throw new JwtRejectedException(RejectionReason.UNSUPPORTED_ALGORITHM,
                    alg == null ? "alg is missing" : "alg is not a string");
        }
        // Only asymmetric algorithms: "none" is unsigned, and HS256 would take the public key as its secret.
        return JwtAlgorithm.named(name).orElseThrow(() -> new JwtRejectedException(
                RejectionReason.UNSUPPORTED_ALGORITHM, "alg " + LogText.quote(name) + " is not RS256 or ES256"));
    }

    /** No extension is understood, so a token that requires one must be refused (RFC 7515, 4.1.11). */
    private static void checkNoCriticalExtensions(Map<String, Object> header) {
        if (header.containsKey("crit")) {
            throw new JwtRejectedException(RejectionReason.CRITICAL_HEADER, "crit header is present");
        }
    }

    private static void checkType(Map<String, Object> header) {
        if (!header.containsKey("typ")) {
            return;
        }
        if (!(header.get("typ") instanceof String type)) {
            throw new JwtRejectedException(RejectionReason.UNSUPPORTED_TYPE, "typ is not a string");
        }
        if (!ACCEPTED_TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new JwtRejectedException(RejectionReason.UNSUPPORTED_TYPE,
                    "typ " + LogText.quote(type) + " is not JWT or at+jwt");
        }
    }

    private static String kid(Map<String, Object> header) {
        Object kid = header.get("kid");
        if (kid == null || kid instanceof String) {
            return (String) kid;
        }
        throw new JwtRejectedException(RejectionReason.INVALID_KEY_ID, "kid is not a string");
    }
}
