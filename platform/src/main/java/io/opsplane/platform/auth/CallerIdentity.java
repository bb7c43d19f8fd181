package io.opsplane.platform.auth;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Principals;
import io.opsplane.proto.security.v1.Principal;

/**
 * Who makes the current gRPC call, as verified by {@link AuthenticationInterceptor}: the principal
 * (a person, a bot or a service acting on its own behalf), what it may do, and the service that
 * relayed the call for it, if any.
 *
 * @param relayedBy subject of the relaying service ({@code service:gateway}); empty for a direct call
 */
public record CallerIdentity(Principal principal, Authority authority, String relayedBy, String sourceAddress) {

    public static CallerIdentity of(Principal principal, String relayedBy, String sourceAddress) {
        return new CallerIdentity(principal, Principals.authorityOf(principal), relayedBy, sourceAddress);
    }

    public String subject() {
        return principal.getSubject();
    }

    public String tokenId() {
        return principal.getTokenId();
    }

    public boolean isService() {
        return Principals.KIND_SERVICE.equals(principal.getKind());
    }
}
