package io.opsplane.security.oidc;

import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.Role;
import io.opsplane.platform.access.Scope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Which built-in roles the values of a token's groups claim grant, at the global scope:
 * {@code platform-admins=admin,devs=developer}. A value may be mapped to several roles. Service roles
 * are never mapped: they belong to the platform's own components.
 */
public final class RoleMapping {

    /** What a grant from the mapping names as its origin, followed by the claim value. */
    public static final String VIA_PREFIX = "claim:";

    private final Map<String, List<Role>> rolesByValue;

    private RoleMapping(Map<String, List<Role>> rolesByValue) {
        this.rolesByValue = rolesByValue;
    }

    /** No value grants anything: only stored bindings count. */
    public static RoleMapping none() {
        return new RoleMapping(Map.of());
    }

    /**
     * Reads comma-separated {@code claimValue=role} pairs; blank entries are skipped.
     *
     * @throws IllegalArgumentException naming the entry that is not a pair, or the role that is not a
     *                                  built-in role of people
     */
    public static RoleMapping parse(String pairs) {
        Map<String, List<Role>> rolesByValue = new LinkedHashMap<>();
        for (String item : pairs == null ? new String[0] : pairs.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int equals = entry.lastIndexOf('=');
            String value = equals < 0 ? "" : entry.substring(0, equals).strip();
            String roleName = equals < 0 ? "" : entry.substring(equals + 1).strip();
            if (value.isEmpty() || roleName.isEmpty()) {
                throw new IllegalArgumentException("role mapping entry '" + entry + "' is not claimValue=role");
            }
            Role role = humanRole(value, roleName);
            List<Role> roles = rolesByValue.computeIfAbsent(value, key -> new ArrayList<>());
            if (!roles.contains(role)) {
                roles.add(role);
            }
        }
        rolesByValue.replaceAll((value, roles) -> List.copyOf(roles));
        return new RoleMapping(java.util.Collections.unmodifiableMap(rolesByValue));
    }

    /** The global grants of the roles {@code claimValues} are mapped to, each naming its value. */
    public List<Grant> grantsFor(Collection<String> claimValues) {
        List<Grant> grants = new ArrayList<>();
        for (String value : new LinkedHashSet<>(claimValues)) {
            for (Role role : rolesByValue.getOrDefault(value, List.of())) {
                grants.add(new Grant(role.name(), Scope.GLOBAL, role.permissions(), VIA_PREFIX + value));
            }
        }
        return grants;
    }

    public boolean isEmpty() {
        return rolesByValue.isEmpty();
    }

    /** The pairs, for the log at start. */
    @Override
    public String toString() {
        StringJoiner pairs = new StringJoiner(",");
        rolesByValue.forEach((value, roles) -> roles.forEach(role -> pairs.add(value + "=" + role.name())));
        return pairs.toString();
    }

    private static Role humanRole(String value, String roleName) {
        if (roleName.startsWith(BuiltInRoles.SERVICE_PREFIX)) {
            throw new IllegalArgumentException("role mapping maps '" + value + "' to '" + roleName
                    + "': service roles belong to the platform's own components");
        }
        return BuiltInRoles.find(roleName).orElseThrow(() -> new IllegalArgumentException("role mapping maps '"
                + value + "' to '" + roleName + "', which is not a built-in role (" + humanRoleNames() + ")"));
    }

    private static String humanRoleNames() {
        StringJoiner names = new StringJoiner(", ");
        BuiltInRoles.all().keySet().stream().filter(name -> !name.startsWith(BuiltInRoles.SERVICE_PREFIX))
                .forEach(names::add);
        return names.toString();
    }
}
