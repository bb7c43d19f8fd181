package io.opsplane.security.access;

import io.opsplane.platform.access.Binding;
import io.opsplane.platform.access.BindingIndex;
import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.platform.access.Role;
import io.opsplane.security.domain.CustomRole;
import io.opsplane.security.domain.RoleBindingRow;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The roles and bindings in force, held in memory so a decision needs no query: reloaded after every
 * change made here, and when older than {@code opsplane.security.access-refresh} (changes made by
 * another instance).
 */
@ApplicationScoped
public class AccessBook {

    /** One consistent view of roles and bindings. */
    public record Snapshot(Map<String, Role> roles, BindingIndex index, List<Binding> bindings, Instant loadedAt) {

        public Optional<Role> role(String name) {
            return Optional.ofNullable(roles.get(name));
        }
    }

    @ConfigProperty(name = "opsplane.security.access-refresh", defaultValue = "5s")
    Duration refresh;

    private volatile Snapshot snapshot;
    private final AtomicReference<CompletableFuture<Snapshot>> inFlight = new AtomicReference<>();

    /**
     * The current view, reloaded first when it is stale; call inside a session. Callers that find it stale together
     * share one reload (each would otherwise read every binding at once), and resume on their own Vert.x context,
     * since their sessions belong to it.
     */
    public Uni<Snapshot> current() {
        Snapshot known = snapshot;
        if (known != null && Instant.now().isBefore(known.loadedAt().plus(refresh))) {
            return Uni.createFrom().item(known);
        }
        CompletableFuture<Snapshot> mine = new CompletableFuture<>();
        CompletableFuture<Snapshot> running = inFlight.compareAndExchange(null, mine);
        if (running != null) {
            Context context = Vertx.currentContext();
            Uni<Snapshot> shared = Uni.createFrom().completionStage(running);
            return context == null ? shared : shared.emitOn(task -> context.runOnContext(ignored -> task.run()));
        }
        return reload().invoke(mine::complete).onFailure().invoke(mine::completeExceptionally)
                .eventually(() -> inFlight.compareAndSet(mine, null));
    }

    /** The current view when it is fresh: deciding with it needs no database session at all. */
    public Optional<Snapshot> fresh() {
        Snapshot known = snapshot;
        return known != null && Instant.now().isBefore(known.loadedAt().plus(refresh)) ? Optional.of(known)
                : Optional.empty();
    }

    /** Reloads now; call inside a session, after a change has committed. */
    public Uni<Snapshot> reload() {
        Instant loadedAt = Instant.now();
        return CustomRole.<CustomRole>listAll().flatMap(custom -> RoleBindingRow.<RoleBindingRow>listAll().map(rows -> {
            Map<String, Role> roles = new LinkedHashMap<>(BuiltInRoles.all());
            custom.forEach(role -> roles.putIfAbsent(role.name, role.toRole()));
            List<Binding> bindings = rows.stream().map(RoleBindingRow::toBinding).toList();
            Snapshot loaded = new Snapshot(Map.copyOf(roles), new BindingIndex(bindings, roles::get), bindings, loadedAt);
            snapshot = loaded;
            return loaded;
        }));
    }

    /** Forgets the view, so the next decision reads the database. */
    public void invalidate() {
        snapshot = null;
    }
}
