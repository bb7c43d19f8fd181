package io.opsplane.platform.access;

/** The names of the gRPC metadata that say who calls; every component uses these. */
public final class AuthHeaders {

    /** {@code Bearer <token>}: an API token, a JWT or a service's own token, verified by security-service. */
    public static final String AUTHORIZATION = "authorization";
    /** A principal assertion of an already verified caller, forwarded by the service that relays the call. */
    public static final String PRINCIPAL = "opsplane-principal";
    /** The relaying service's own principal assertion. */
    public static final String RELAYED_BY = "opsplane-relayed-by";

    private AuthHeaders() {
    }
}
