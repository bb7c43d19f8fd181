package io.opsplane.security.environments;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.EnvironmentProtected;
import io.opsplane.proto.events.v1.EnvironmentUnprotected;
import io.opsplane.security.approval.EnvironmentNames;
import io.opsplane.security.approval.EnvironmentProtection;
import io.opsplane.security.domain.EnvironmentProtectionRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Protections of environments: set, replaced, removed and listed. Changing one needs
 * environments:write throughout its pattern, so nobody protects or unprotects more than they manage.
 */
@ApplicationScoped
public class ProtectedEnvironments {

    /** Serialises protection changes, so two overlapping patterns cannot be stored side by side. */
    private static final long PROTECTION_LOCK = 0x6f7073_656e76L;

    @Inject
    Outbox outbox;

    public Uni<EnvironmentProtectionRow> protect(CallerIdentity caller, EnvironmentProtection protection) {
        requireThroughout(caller.authority(), "environments:write", protection.pattern(), "protecting");
        return outbox.inTransaction(() -> lockProtections().flatMap(locked -> EnvironmentProtectionRow
                .<EnvironmentProtectionRow>listAll()).flatMap(rows -> {
                    EnvironmentProtectionRow row = null;
                    for (EnvironmentProtectionRow other : rows) {
                        if (other.pattern.equals(protection.pattern())) {
                            row = other;
                        } else if (EnvironmentNames.overlap(other.pattern, protection.pattern())) {
                            throw DomainException.failedPrecondition("environment " + protection.pattern()
                                    + " overlaps the protection of " + other.pattern + "; change or remove that one");
                        }
                    }
                    EnvironmentProtectionRow target = row == null ? new EnvironmentProtectionRow() : row;
                    target.set(protection, caller.subject(), Instant.now());
                    Uni<EnvironmentProtectionRow> saved = row == null ? target.persist() : Uni.createFrom().item(target);
                    return saved.flatMap(stored -> outbox.record(stored.pattern, EnvironmentProtected.newBuilder()
                            .setEnvironment(stored.pattern).setRequiredApprovals(stored.requiredApprovals)
                            .addAllDeploySubjects(protection.deployers().subjects())
                            .addAllDeployGroups(protection.deployers().groups())
                            .addAllApproverSubjects(protection.approvers().subjects())
                            .addAllApproverGroups(protection.approvers().groups())
                            .setProtectedBy(caller.subject()).build()).replaceWith(stored));
                }));
    }

    public Uni<EnvironmentProtectionRow> unprotect(CallerIdentity caller, String pattern) {
        EnvironmentNames.requirePattern(pattern);
        requireThroughout(caller.authority(), "environments:write", pattern, "unprotecting");
        return outbox.inTransaction(() -> lockProtections().flatMap(locked -> EnvironmentProtectionRow
                .<EnvironmentProtectionRow>findById(pattern)).flatMap(row -> {
                    if (row == null) {
                        throw DomainException.notFound("environment " + pattern + " is not protected");
                    }
                    return row.delete().flatMap(deleted -> outbox.record(pattern, EnvironmentUnprotected.newBuilder()
                            .setEnvironment(pattern).setUnprotectedBy(caller.subject()).build())).replaceWith(row);
                }));
    }

    /** The protections the caller may read, by pattern. */
    public Uni<List<EnvironmentProtectionRow>> list(CallerIdentity caller) {
        return Panache.withSession(() -> EnvironmentProtectionRow.<EnvironmentProtectionRow>listAll())
                .map(rows -> rows.stream()
                        .filter(row -> caller.authority().holdsThroughout("environments:read", scopeOf(row.pattern)))
                        .sorted(Comparator.comparing(row -> row.pattern)).toList());
    }

    /** The protection that governs {@code environment}, if any; call inside a session. */
    public static Uni<Optional<EnvironmentProtection>> governing(String environment) {
        return EnvironmentProtectionRow.<EnvironmentProtectionRow>listAll().map(rows -> rows.stream()
                .map(EnvironmentProtectionRow::toProtection).filter(protection -> protection.governs(environment))
                .findFirst());
    }

    private static Uni<Object> lockProtections() {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + PROTECTION_LOCK + ")").getSingleResult());
    }

    private static void requireThroughout(Authority authority, String permission, String pattern, String what) {
        if (!authority.holdsThroughout(permission, scopeOf(pattern))) {
            throw DomainException.permissionDenied(what + " environment " + pattern + " needs " + permission
                    + " throughout " + scopeOf(pattern));
        }
    }

    private static Scope scopeOf(String pattern) {
        return Scope.parse("environment:" + pattern);
    }
}
