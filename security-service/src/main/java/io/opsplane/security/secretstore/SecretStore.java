package io.opsplane.security.secretstore;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Scope;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.SecretDeleted;
import io.opsplane.proto.events.v1.SecretUsed;
import io.opsplane.proto.events.v1.SecretWritten;
import io.opsplane.security.domain.SecretDataKeyRow;
import io.opsplane.security.domain.SecretRow;
import io.opsplane.security.secrets.DataKey;
import io.opsplane.security.secrets.SealedValue;
import io.opsplane.security.secrets.SecretCipher;
import io.opsplane.security.secrets.SecretCryptoException;
import io.opsplane.security.secrets.SecretFingerprint;
import io.opsplane.security.secrets.SecretIdentity;
import io.opsplane.security.secrets.SecretPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Named secrets at a scope: written, listed and deleted by whoever holds secrets:write or secrets:read
 * throughout the secret's scope; a value is read back only by a platform service acting on its own behalf
 * ({@link #use}). Values are sealed with a data key of their own per version ({@link SecretCipher}); no
 * answer, log line or event of this class carries one, except the value {@link #use} returns.
 */
@ApplicationScoped
public class SecretStore {

    private static final Logger LOG = Logger.getLogger(SecretStore.class);
    private static final int DEFAULT_PAGE = 100;
    private static final int MAX_PAGE = 1000;

    /** A page of secrets the caller may read. */
    public record SecretPage(List<SecretRow> secrets, String nextPageToken) {
    }

    /** A secret and its value, for a service that uses it. */
    public record UsedSecret(SecretRow secret, String value) {

        @Override
        public String toString() {
            return "UsedSecret[" + secret.identity() + "]";
        }
    }

    @Inject
    DataKeyStore dataKeys;

    @Inject
    Outbox outbox;

    /** Stores {@code value} as version 1 of a new secret or the next version of an existing one. */
    public Uni<SecretRow> put(CallerIdentity caller, String scope, String name, String value) {
        checkScopeAndName(scope, name);
        requireThroughout(caller.authority(), "secrets:write", scope);
        SecretPolicy.checkValue(value);
        // PostgreSQL keeps microseconds: the answer shows the time as it is stored.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return outbox.inTransaction(() -> lockSecret(scope, name)
                .flatMap(locked -> dataKeys.fingerprintKey())
                .map(fingerprintKey -> {
                    try (fingerprintKey) {
                        return SecretFingerprint.of(fingerprintKey, value);
                    }
                })
                .flatMap(fingerprint -> SecretRow.findByScopeAndName(scope, name)
                        .flatMap(existing -> write(existing, scope, name, value, fingerprint, caller, now))))
                .onFailure(SecretCryptoException.class).transform(SecretStore::unreadable);
    }

    /** The secrets the caller may read, at {@code scopeFilter} only when it is not empty. */
    public Uni<SecretPage> list(CallerIdentity caller, String scopeFilter, int limit, String pageToken) {
        if (limit < 0 || limit > MAX_PAGE) {
            throw DomainException.invalid("limit must be between 1 and " + MAX_PAGE + " (0 takes " + DEFAULT_PAGE + ")");
        }
        String scope = scopeFilter == null ? "" : scopeFilter;
        if (!scope.isEmpty()) {
            SecretPolicy.checkScope(scope);
        }
        int pageSize = limit == 0 ? DEFAULT_PAGE : limit;
        SecretPageToken after = SecretPageToken.decode(pageToken);
        Authority authority = caller.authority();
        ReadableScopes readable = ReadableScopes.of(authority, "secrets:read");
        List<Object> parameters = new ArrayList<>(List.of(scope, after.scope(), after.name()));
        parameters.addAll(readable.likePatterns());
        String query = "(?1 = '' or scope = ?1) and (scope > ?2 or (scope = ?2 and name > ?3)) and "
                + readable.condition(4) + " order by scope, name";
        return Panache.withSession(() -> SecretRow.<SecretRow>find(query, parameters.toArray()).page(0, pageSize + 1)
                .list()).map(rows -> {
                    boolean more = rows.size() > pageSize;
                    List<SecretRow> page = more ? rows.subList(0, pageSize) : rows;
                    List<SecretRow> visible = page.stream().filter(row -> mayRead(authority, row.scope)).toList();
                    String next = more ? new SecretPageToken(page.get(pageSize - 1).scope,
                            page.get(pageSize - 1).name).encode() : "";
                    return new SecretPage(visible, next);
                });
    }

    /** Deletes the secret and the data key of its value; the value cannot be opened again. */
    public Uni<SecretRow> delete(CallerIdentity caller, String scope, String name) {
        checkScopeAndName(scope, name);
        requireThroughout(caller.authority(), "secrets:write", scope);
        return outbox.inTransaction(() -> lockSecret(scope, name)
                .flatMap(locked -> SecretRow.findByScopeAndName(scope, name))
                .flatMap(row -> {
                    if (row == null) {
                        throw DomainException.notFound("no secret '" + name + "' at " + scope);
                    }
                    return row.delete()
                            .flatMap(deleted -> SecretDataKeyRow.deleteById(row.dataKeyId))
                            .flatMap(deleted -> outbox.record(row.eventKey(), SecretDeleted.newBuilder()
                                    .setScope(row.scope).setName(row.name).setVersion(row.version)
                                    .setDeletedBy(caller.subject()).build()))
                            .replaceWith(row);
                }));
    }

    /**
     * The value, for a platform service acting on its own behalf with secrets:use at the secret's scope; the
     * use is recorded (SecretUsed) in the same transaction, so no value leaves without its record.
     */
    public Uni<UsedSecret> use(CallerIdentity caller, String scope, String name, String purpose) {
        if (!caller.isService()) {
            throw DomainException.permissionDenied("only a platform service acting on its own behalf reads a "
                    + "secret value; people and bots write and list secrets, they never read them back");
        }
        checkScopeAndName(scope, name);
        if (!caller.authority().holdsThroughout("secrets:use", Scope.parse(scope))) {
            throw DomainException.permissionDenied("secrets:use is not granted throughout " + scope);
        }
        SecretPurpose.check(purpose);
        return outbox.inTransaction(() -> SecretRow.findByScopeAndName(scope, name).flatMap(row -> {
            if (row == null) {
                throw DomainException.notFound("no secret '" + name + "' at " + scope);
            }
            return dataKeys.open(row.dataKeyId).map(key -> {
                try (key) {
                    return SecretCipher.open(key, row.identity(), SealedValue.fromBytes(row.sealedValue));
                }
            }).flatMap(value -> outbox.record(row.eventKey(), SecretUsed.newBuilder().setScope(row.scope)
                    .setName(row.name).setVersion(row.version).setUsedBy(caller.subject())
                    .setRelayedBy(caller.relayedBy()).setPurpose(purpose).build())
                    .replaceWith(new UsedSecret(row, value)));
        })).onFailure(SecretCryptoException.class).transform(SecretStore::unreadable);
    }

    private Uni<SecretRow> write(SecretRow existing, String scope, String name, String value, String fingerprint,
            CallerIdentity caller, Instant now) {
        SecretRow row = existing != null ? existing : newRow(scope, name, now);
        String replacedKeyId = existing == null ? null : existing.dataKeyId;
        int version = row.version + 1;
        SealedValue sealed;
        Uni<SecretDataKeyRow> storedKey;
        try (DataKey key = DataKey.generate()) {
            sealed = SecretCipher.seal(key, new SecretIdentity(scope, name, version), value);
            storedKey = dataKeys.store(key, SecretDataKeyRow.VALUE, now);
        }
        return storedKey.flatMap(keyRow -> {
            row.version = version;
            row.sealedValue = sealed.toBytes();
            row.dataKeyId = keyRow.id;
            row.fingerprint = fingerprint;
            row.updatedBy = caller.subject();
            row.updatedAt = now;
            // Hibernate flushes inserts, then updates, then deletes: the replaced key goes after the row moved off it.
            Uni<?> saved = existing == null ? row.persist() : Uni.createFrom().item(row);
            return saved.flatMap(ignored -> replacedKeyId == null ? Uni.createFrom().item(true)
                    : SecretDataKeyRow.deleteById(replacedKeyId));
        }).flatMap(ignored -> outbox.record(row.eventKey(), SecretWritten.newBuilder().setScope(scope).setName(name)
                .setVersion(version).setFingerprint(fingerprint).setWrittenBy(caller.subject()).build()))
                .replaceWith(row);
    }

    private static SecretRow newRow(String scope, String name, Instant now) {
        SecretRow row = new SecretRow();
        row.id = UUID.randomUUID().toString();
        row.scope = scope;
        row.name = name;
        row.version = 0;
        row.createdAt = now;
        return row;
    }

    /** Serialises writers of one secret, so versions follow one another and a replaced key is deleted once. */
    private static Uni<Object> lockSecret(String scope, String name) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + DataKeyStore.LOCK_NAMESPACE + ", hashtext(?1))")
                .setParameter(1, scope + "/" + name).getSingleResult());
    }

    private static void checkScopeAndName(String scope, String name) {
        SecretPolicy.checkScope(scope);
        SecretPolicy.checkName(name);
    }

    private static void requireThroughout(Authority authority, String permission, String scope) {
        if (!authority.holdsThroughout(permission, Scope.parse(scope))) {
            throw DomainException.permissionDenied(permission + " is not granted throughout " + scope);
        }
    }

    private static boolean mayRead(Authority authority, String scope) {
        return authority.holdsThroughout("secrets:read", Scope.parse(scope));
    }

    /** A stored key or value that does not open: the operator's problem, told without any key material. */
    static DomainException unreadable(Throwable failure) {
        LOG.errorf("a stored secret or data key cannot be opened: %s", failure.getMessage());
        return DomainException.failedPrecondition("the stored secret cannot be opened: " + failure.getMessage());
    }
}
