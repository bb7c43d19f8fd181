package io.opsplane.platform.access;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles every installation has. Human roles nest: each adds to the one before it. Service roles
 * ({@code service:<component>}) are what a service may do on its own behalf, least privilege.
 */
public final class BuiltInRoles {

    public static final String VIEWER = "viewer";
    public static final String DEVELOPER = "developer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";
    /** For a runner on another machine: the runner protocol and nothing else. */
    public static final String RUNNER = "runner";
    public static final String SERVICE_PREFIX = "service:";

    private static final Set<String> VIEWER_PERMISSIONS = Set.of("tokens:read", "access:check", "secrets:read",
            "pipelines:read", "deployments:read", "environments:read", "infra:read", "events:read", "alerts:read",
            "metrics:read", "healing:read", "runners:read");
    private static final Set<String> DEVELOPER_ADDS = Set.of("tokens:create", "tokens:revoke", "pipelines:write",
            "pipelines:run", "pipelines:cancel", "pipelines:play", "deployments:create", "infra:plan", "secrets:write");
    private static final Set<String> OPERATOR_ADDS = Set.of("deployments:promote", "deployments:rollback",
            "deployments:approve", "environments:write", "infra:apply", "alerts:write", "alerts:silence",
            "metrics:write", "metrics:ingest", "healing:execute", "platform:read", "outbox:read", "runners:manage");
    /** Only services verify tokens for their callers and fetch secret values at use time. */
    private static final Set<String> SERVICE_ONLY = Set.of("tokens:authenticate", "secrets:use", "pipelines:hook");

    private static final Map<String, Role> ROLES = build();

    private BuiltInRoles() {
    }

    public static Map<String, Role> all() {
        return ROLES;
    }

    public static Optional<Role> find(String name) {
        return Optional.ofNullable(ROLES.get(name));
    }

    public static boolean isBuiltIn(String name) {
        return ROLES.containsKey(name);
    }

    /** The role of a platform component acting on its own behalf. */
    public static String serviceRole(String component) {
        return SERVICE_PREFIX + component;
    }

    private static Map<String, Role> build() {
        Map<String, Role> roles = new LinkedHashMap<>();
        Set<String> viewer = new HashSet<>(VIEWER_PERMISSIONS);
        Set<String> developer = union(viewer, DEVELOPER_ADDS);
        Set<String> operator = union(developer, OPERATOR_ADDS);
        Set<String> admin = new HashSet<>(PermissionCatalog.names());
        admin.removeAll(SERVICE_ONLY);
        roles.put(VIEWER, new Role(VIEWER, "Reads everything except the audit ledger and access control; changes "
                + "nothing", viewer, true));
        roles.put(DEVELOPER, new Role(DEVELOPER, "Viewer, plus registering and running pipelines, deploying to "
                + "unprotected environments, planning infrastructure, writing secrets and own tokens", developer, true));
        roles.put(OPERATOR, new Role(OPERATOR, "Developer, plus promoting, rolling back and approving deployments, "
                + "protecting environments, applying infrastructure, alert rules and silences, healing", operator, true));
        roles.put(ADMIN, new Role(ADMIN, "Everything, including access control, the audit ledger and any token",
                admin, true));
        roles.put(RUNNER, new Role(RUNNER, "Acquires and runs pipeline jobs (the runner protocol only)",
                union(Set.of(), Set.of("runners:run")), true));
        // metrics:ingest: every service exports its own traces to observability-service.
        Set<String> everyService = Set.of("tokens:authenticate", "metrics:ingest");
        service(roles, "gateway", union(everyService, Set.of("pipelines:hook")));
        // access:check and access:read: a firing re-checks its owner's credential (OwnerCheck).
        service(roles, "pipeline-service", union(everyService, Set.of("secrets:use", "pipelines:read", "access:check",
                "access:read")));
        service(roles, "deploy-service", union(everyService, Set.of("secrets:use", "deployments:read",
                "environments:read", "metrics:read")));
        service(roles, "healing-service", union(everyService, Set.of("deployments:read", "deployments:rollback",
                "alerts:read", "events:read", "metrics:read", "healing:read", "healing:execute")));
        service(roles, "observability-service", union(everyService, Set.of("events:read", "alerts:read",
                "metrics:read")));
        service(roles, "infra-service", union(everyService, Set.of("infra:read")));
        service(roles, "security-service", everyService);
        service(roles, "runner", union(Set.of(), Set.of("runners:run")));
        return java.util.Collections.unmodifiableMap(roles);
    }

    private static void service(Map<String, Role> roles, String component, Set<String> permissions) {
        String name = serviceRole(component);
        roles.put(name, new Role(name, "What " + component + " may do on its own behalf", permissions, true));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        for (String permission : all) {
            if (!PermissionCatalog.isKnown(permission)) {
                throw new IllegalStateException("built-in role names unknown permission " + permission);
            }
        }
        return all;
    }
}
