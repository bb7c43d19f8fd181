package io.opsplane.security.access;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Binding;
import io.opsplane.platform.access.Decision;
import io.opsplane.platform.access.PermissionCatalog;
import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.access.Role;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.BindingCreated;
import io.opsplane.proto.events.v1.BindingDeleted;
import io.opsplane.proto.events.v1.RoleCreated;
import io.opsplane.proto.events.v1.RoleDeleted;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.domain.CustomRole;
import io.opsplane.security.domain.RoleBindingRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Roles, bindings and access decisions. Granting is additive and never escalates: creating or
 * removing a binding, or defining a role, needs every permission involved at that scope.
 */
@ApplicationScoped
public class AccessAdmin {

    /** A page of bindings. */
    public record BindingPage(List<RoleBindingRow> bindings, String nextPageToken) {
    }

    @Inject
    AccessBook book;

    @Inject
    Outbox outbox;

    /**
     * One question: may {@code subject}, or the bearer of API token {@code tokenId}, or else the caller, do
     * {@code permission} on {@code resource}.
     */
    public record Question(String subject, List<String> groups, String permission, String resource,
            List<String> within, String tokenId) {

        boolean aboutSubject() {
            return subject != null && !subject.isEmpty();
        }

        boolean aboutToken() {
            return tokenId != null && !tokenId.isEmpty();
        }
    }

    /** The most questions one batch may ask. */
    public static final int MAX_BATCH = 1_000;

    /** May {@code subject} (the caller when empty) do {@code permission} on {@code resource}. */
    public Uni<Decision> check(CallerIdentity caller, Question question) {
        return checkAll(caller, List.of(question)).map(decisions -> decisions.get(0));
    }

    /** Each question answered as {@link #check} would, in order, with one view of roles and bindings. */
    public Uni<List<Decision>> checkAll(CallerIdentity caller, List<Question> questions) {
        if (questions.isEmpty() || questions.size() > MAX_BATCH) {
            throw DomainException.invalid("a batch holds 1 to " + MAX_BATCH + " checks, not " + questions.size());
        }
        List<ResourceRef> objects = new java.util.ArrayList<>(questions.size());
        boolean aboutOthers = false;
        for (int i = 0; i < questions.size(); i++) {
            Question question = questions.get(i);
            String where = questions.size() == 1 ? "" : "check " + (i + 1) + ": ";
            if (!PermissionCatalog.isKnown(question.permission())) {
                throw DomainException.invalid(where + "unknown permission '" + question.permission() + "'");
            }
            try {
                ResourceRef target = ResourceRef.parse(question.resource());
                for (String container : question.within()) {
                    ResourceRef parsed = ResourceRef.parse(container);
                    target = target.in(parsed.kind(), parsed.name());
                }
                objects.add(target);
            } catch (IllegalArgumentException e) {
                throw DomainException.invalid(where + e.getMessage());
            }
            if (question.aboutSubject() && question.aboutToken()) {
                throw DomainException.invalid(where + "ask about a subject or about a token, not both");
            }
            aboutOthers |= question.aboutSubject() || question.aboutToken();
        }
        if (aboutOthers && !caller.authority().holdsThroughout("access:read", Scope.GLOBAL)) {
            throw DomainException.permissionDenied("asking about another subject needs access:read");
        }
        if (!aboutOthers) {
            return Uni.createFrom().item(decide(caller, null, questions, objects, Map.of()));
        }
        java.util.Set<String> tokenIds = new java.util.TreeSet<>();
        questions.stream().filter(Question::aboutToken).forEach(question -> tokenIds.add(question.tokenId()));
        if (!tokenIds.isEmpty()) {
            return Panache.withSession(() -> ApiToken.<ApiToken>list("id in ?1", tokenIds).flatMap(found -> book.current()
                    .map(snapshot -> decide(caller, snapshot, questions, objects, activeById(found)))));
        }
        // A fresh view decides without a database session (a session per decision would cost far more).
        return book.fresh().map(snapshot -> Uni.createFrom().item(snapshot))
                .orElseGet(() -> Panache.withSession(book::current))
                .map(snapshot -> decide(caller, snapshot, questions, objects, Map.of()));
    }

    private static Map<String, ApiToken> activeById(List<ApiToken> tokens) {
        java.time.Instant now = java.time.Instant.now();
        Map<String, ApiToken> active = new java.util.HashMap<>();
        tokens.stream().filter(token -> token.isActiveAt(now)).forEach(token -> active.put(token.id, token));
        return active;
    }

    private static List<Decision> decide(CallerIdentity caller, AccessBook.Snapshot snapshot, List<Question> questions,
            List<ResourceRef> objects, Map<String, ApiToken> activeTokens) {
        List<Decision> decisions = new java.util.ArrayList<>(questions.size());
        for (int i = 0; i < questions.size(); i++) {
            Question question = questions.get(i);
            if (question.aboutToken()) {
                ApiToken token = activeTokens.get(question.tokenId());
                decisions.add(token == null
                        ? new Decision(false, "token " + question.tokenId() + " is revoked, expired or unknown", null)
                        : new Authority(PrincipalIssuer.grantsOf(token, snapshot))
                                .decide(question.permission(), objects.get(i)));
                continue;
            }
            var authority = question.aboutSubject()
                    ? snapshot.index().authorityOf(question.subject(), question.groups()) : caller.authority();
            decisions.add(authority.decide(question.permission(), objects.get(i)));
        }
        return decisions;
    }

    public Uni<List<Role>> roles() {
        return Panache.withSession(book::current).map(snapshot -> List.copyOf(snapshot.roles().values()));
    }

    public Uni<Role> createRole(CallerIdentity caller, String name, String description, List<String> permissions) {
        Role role = Role.custom(name, description, new TreeSet<>(permissions));
        requireAll(caller.authority(), role, Scope.GLOBAL, "defining role '" + name + "'");
        return outbox.inTransaction(() -> book.current().flatMap(snapshot -> {
            if (snapshot.role(name).isPresent()) {
                throw DomainException.alreadyExists("a role named '" + name + "' exists");
            }
            CustomRole row = new CustomRole();
            row.name = role.name();
            row.description = role.description();
            row.permissions = String.join(",", new TreeSet<>(role.permissions()));
            row.createdBy = caller.subject();
            row.createdAt = Instant.now();
            return row.persist().flatMap(saved -> outbox.record(role.name(), RoleCreated.newBuilder().setName(role.name())
                    .addAllPermissions(new TreeSet<>(role.permissions())).setCreatedBy(caller.subject()).build()));
        })).flatMap(done -> reloaded()).replaceWith(role);
    }

    public Uni<Role> deleteRole(CallerIdentity caller, String name) {
        return outbox.inTransaction(() -> CustomRole.<CustomRole>findById(name == null ? "" : name).flatMap(row -> {
            if (row == null) {
                throw io.opsplane.platform.access.BuiltInRoles.isBuiltIn(name)
                        ? DomainException.failedPrecondition("built-in role '" + name + "' cannot be deleted")
                        : DomainException.notFound("no custom role named '" + name + "'");
            }
            Role role = row.toRole();
            requireAll(caller.authority(), role, Scope.GLOBAL, "deleting role '" + name + "'");
            return RoleBindingRow.count("role", name).flatMap(uses -> {
                if (uses > 0) {
                    throw DomainException.failedPrecondition("role '" + name + "' is used by " + uses
                            + " binding(s); delete them first");
                }
                return row.delete().flatMap(deleted -> outbox.record(name, RoleDeleted.newBuilder().setName(name)
                        .setDeletedBy(caller.subject()).build())).replaceWith(role);
            });
        })).flatMap(role -> reloaded().replaceWith(role));
    }

    public Uni<RoleBindingRow> createBinding(CallerIdentity caller, String roleName, String scopeText, String subject,
            String group) {
        Scope scope = Scope.parse(scopeText);
        Binding binding = new Binding(UUID.randomUUID().toString(), roleName == null ? "" : roleName, scope, subject,
                group);
        return outbox.inTransaction(() -> book.current().flatMap(snapshot -> {
            Role role = snapshot.role(binding.role()).orElseThrow(() -> DomainException.invalid("unknown role '"
                    + binding.role() + "'; known roles: " + new TreeSet<>(snapshot.roles().keySet())));
            if (role.name().startsWith("service:")) {
                throw DomainException.invalid("service roles belong to the platform's own components");
            }
            requireGrant(caller.authority(), role, scope);
            RoleBindingRow row = new RoleBindingRow();
            row.id = binding.id();
            row.role = role.name();
            row.scope = scope.toString();
            row.subject = binding.subject();
            row.group = binding.group();
            row.createdBy = caller.subject();
            row.createdAt = Instant.now();
            return RoleBindingRow.count("role = ?1 and scope = ?2 and subject = ?3 and group = ?4", row.role, row.scope,
                    row.subject, row.group).flatMap(existing -> {
                        if (existing > 0) {
                            throw DomainException.alreadyExists("this role is already bound at this scope");
                        }
                        return row.<RoleBindingRow>persist();
                    }).flatMap(saved -> outbox.record(saved.id, BindingCreated.newBuilder().setBindingId(saved.id)
                            .setRole(saved.role).setScope(saved.scope).setSubject(saved.subject).setGroup(saved.group)
                            .setCreatedBy(caller.subject()).build()).replaceWith(saved));
        })).flatMap(saved -> reloaded().replaceWith(saved));
    }

    public Uni<RoleBindingRow> deleteBinding(CallerIdentity caller, String id) {
        return outbox.inTransaction(() -> RoleBindingRow.<RoleBindingRow>findById(id == null ? "" : id)
                .flatMap(row -> {
                    if (row == null) {
                        throw DomainException.notFound("no binding with id '" + id + "'");
                    }
                    return book.current().flatMap(snapshot -> {
                        Role role = snapshot.role(row.role).orElse(new Role(row.role, "", Set.of(), false));
                        requireGrant(caller.authority(), role, Scope.parse(row.scope));
                        return row.delete().flatMap(deleted -> outbox.record(row.id, BindingDeleted.newBuilder()
                                .setBindingId(row.id).setRole(row.role).setScope(row.scope).setSubject(row.subject)
                                .setGroup(row.group).setDeletedBy(caller.subject()).build())).replaceWith(row);
                    });
                })).flatMap(row -> reloaded().replaceWith(row));
    }

    public Uni<BindingPage> listBindings(String subject, String group, String role, int limit, String pageToken) {
        if (limit < 0 || limit > 1000) {
            throw DomainException.invalid("limit must be between 1 and 1000");
        }
        int pageSize = limit == 0 ? 100 : limit;
        String filter = "id > ?1 and (?2 = '' or subject = ?2) and (?3 = '' or group = ?3) and (?4 = '' or role = ?4) "
                + "order by id";
        return Panache.withSession(() -> RoleBindingRow.<RoleBindingRow>find(filter, nonNull(pageToken), nonNull(subject),
                nonNull(group), nonNull(role)).page(0, pageSize + 1).list())
                .map(rows -> rows.size() > pageSize
                        ? new BindingPage(rows.subList(0, pageSize), rows.get(pageSize - 1).id)
                        : new BindingPage(rows, ""));
    }

    /** Granting (or removing) a role at a scope needs access:grant and every permission of the role there. */
    static void requireGrant(Authority granter, Role role, Scope scope) {
        if (!granter.holdsThroughout("access:grant", scope)) {
            throw DomainException.permissionDenied("granting at " + scope + " needs access:grant there");
        }
        requireAll(granter, role, scope, "granting role '" + role.name() + "' at " + scope);
    }

    private static void requireAll(Authority granter, Role role, Scope scope, String what) {
        Set<String> missing = granter.missingThroughout(role.permissions(), scope);
        if (!missing.isEmpty()) {
            throw DomainException.permissionDenied(what + " needs " + String.join(", ", missing)
                    + " there, which the caller does not hold");
        }
    }

    private Uni<AccessBook.Snapshot> reloaded() {
        book.invalidate();
        return Panache.withSession(book::reload);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
