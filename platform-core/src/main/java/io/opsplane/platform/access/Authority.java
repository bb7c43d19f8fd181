package io.opsplane.platform.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one principal may do: the grants of its roles at their scopes. Deny by default; grants only
 * add. Immutable and cheap to query, so a service decides locally on every call.
 */
public final class Authority {

    public static final Authority NONE = new Authority(List.of());

    private final List<Grant> grants;

    public Authority(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public List<Grant> grants() {
        return grants;
    }

    /** May it do {@code permission} on {@code resource}. */
    public Decision decide(String permission, ResourceRef resource) {
        boolean heldElsewhere = false;
        for (Grant grant : grants) {
            if (grant.permissions().contains(permission)) {
                if (grant.scope().matches(resource)) {
                    return Decision.allow(grant, permission, resource);
                }
                heldElsewhere = true;
            }
        }
        if (!PermissionCatalog.isKnown(permission)) {
            return Decision.deny("'" + permission + "' is not a permission of the catalogue");
        }
        if (heldElsewhere) {
            return Decision.deny(permission + " is granted only at scopes that do not reach " + resource + " ("
                    + scopesOf(permission).stream().map(Scope::toString).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        return Decision.deny("no role of the caller grants " + permission);
    }

    /** Whether it holds the permission at any scope: enough to call a method, not to touch an object. */
    public boolean holdsAnywhere(String permission) {
        for (Grant grant : grants) {
            if (grant.permissions().contains(permission)) {
                return true;
            }
        }
        return false;
    }

    /** Whether it holds the permission everywhere {@code scope} reaches (for grants without escalation). */
    public boolean holdsThroughout(String permission, Scope scope) {
        for (Grant grant : grants) {
            if (grant.permissions().contains(permission) && grant.scope().covers(scope)) {
                return true;
            }
        }
        return false;
    }

    /** The permissions of {@code wanted} it does not hold throughout {@code scope}; empty when it holds all. */
    public Set<String> missingThroughout(Set<String> wanted, Scope scope) {
        Set<String> missing = new TreeSet<>();
        for (String permission : wanted) {
            if (!holdsThroughout(permission, scope)) {
                missing.add(permission);
            }
        }
        return missing;
    }

    /** The scopes at which it holds the permission; used to filter lists to what it may see. */
    public List<Scope> scopesOf(String permission) {
        List<Scope> scopes = new ArrayList<>();
        for (Grant grant : grants) {
            if (grant.permissions().contains(permission) && !scopes.contains(grant.scope())) {
                scopes.add(grant.scope());
            }
        }
        return scopes;
    }

    /** The names of the roles it holds at any scope. */
    public Set<String> roleNames() {
        Set<String> names = new TreeSet<>();
        grants.forEach(grant -> names.add(grant.role()));
        return names;
    }
}
