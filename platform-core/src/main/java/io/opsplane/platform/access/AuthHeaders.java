package io.opsplane.platform.access;

/** The names of the gRPC metadata that say who calls; every component uses these. */
public final class AuthHeaders {

    /** {@code Bearer <token>}: an API token, a JWT or a service's own token, verified by security-service. */
    public static final String AUTHORIZATION = "authorization";
    /** A principal assertion of an already verified caller, forwarded by the service that relays the call. */
    public static final String PRINCIPAL = "opsplane-principal";
    /** The relaying service's own principal assertion. */
    public static final String RELAYED_BY = "opsplane-relayed-by";

    /** The scheme prefix of an {@code authorization} value. */
    public static final String BEARER = "Bearer ";

    private AuthHeaders() {
    }

    /** The token of an {@code authorization: Bearer <token>} value (scheme case-insensitive); empty otherwise. */
    public static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "";
        }
        return header.substring(BEARER.length()).trim();
    }
}
