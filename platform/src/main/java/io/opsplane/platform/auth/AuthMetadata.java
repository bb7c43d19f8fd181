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

    private AuthMetadata() {
    }
}
