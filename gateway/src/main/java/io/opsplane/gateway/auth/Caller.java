package io.opsplane.gateway.auth;

import io.opsplane.proto.security.v1.Principal;
import jakarta.enterprise.context.RequestScoped;

/** Who makes the current request, as established by {@link AuthenticationFilter}. */
@RequestScoped
public class Caller {

    private Principal principal;

    void authenticated(Principal principal) {
        this.principal = principal;
    }

    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("no authenticated caller on this request");
        }
        return principal;
    }
}
