package io.opsplane.platform.auth;

import io.grpc.Metadata;
import io.opsplane.platform.access.AuthHeaders;

/** The gRPC metadata that carries who calls (names in {@link AuthHeaders}). */
public final class AuthMetadata {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of(AuthHeaders.AUTHORIZATION, Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> PRINCIPAL =
            Metadata.Key.of(AuthHeaders.PRINCIPAL, Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> RELAYED_BY =
            Metadata.Key.of(AuthHeaders.RELAYED_BY, Metadata.ASCII_STRING_MARSHALLER);

    static final String BEARER = "Bearer ";

    private AuthMetadata() {
    }

    /** The token of an {@code authorization: Bearer <token>} value; empty when it is not one. */
    public static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "";
        }
        return header.substring(BEARER.length()).trim();
    }

    /** Metadata for a call made on a verified caller's behalf by this service. */
    public static Metadata relaying(String callerAssertion, String ownAssertion) {
        Metadata metadata = new Metadata();
        metadata.put(PRINCIPAL, callerAssertion);
        metadata.put(RELAYED_BY, ownAssertion);
        return metadata;
    }

    /** Metadata for a call this service makes on its own behalf. */
    public static Metadata own(String ownAssertion) {
        Metadata metadata = new Metadata();
        metadata.put(PRINCIPAL, ownAssertion);
        return metadata;
    }
}
