package io.opsplane.platform.access;

import io.opsplane.proto.security.v1.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** The authority a principal message carries. */
public final class Principals {

    public static final String KIND_SERVICE = "service";

    private Principals() {
    }

    public static Authority authorityOf(Principal principal) {
        List<Grant> grants = new ArrayList<>(principal.getGrantsCount());
        for (io.opsplane.proto.security.v1.Grant grant : principal.getGrantsList()) {
            grants.add(new Grant(grant.getRole(), Scope.parse(grant.getScope()),
                    new HashSet<>(grant.getPermissionsList()), grant.getVia()));
        }
        return new Authority(grants);
    }

    public static io.opsplane.proto.security.v1.Grant toMessage(Grant grant) {
        return io.opsplane.proto.security.v1.Grant.newBuilder().setRole(grant.role()).setScope(grant.scope().toString())
                .addAllPermissions(new java.util.TreeSet<>(grant.permissions())).setVia(grant.via()).build();
    }
}
