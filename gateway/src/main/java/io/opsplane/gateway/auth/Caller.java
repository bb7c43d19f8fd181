package io.opsplane.gateway.auth;

import io.opsplane.proto.security.v1.Principal;
import jakarta.enterprise.context.RequestScoped;

/** Who makes the current request, as established by {@link AuthenticationFilter}. */
@RequestScoped
public class Caller {

    private Principal principal;
    private String token;

    void authenticated(Principal principal, String token) {
        this.principal = principal;
        this.token = token;
    }

    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return principal;
    }

    /** The caller's own token, passed on to calls that act on its behalf (token management). */
    public String token() {
        principal();
        return token;
    }
}
