package io.opsplane.security.service;

import io.opsplane.platform.access.BuiltInRoles;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.token.TokenSecrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The tokens of the platform's own components. The launcher writes one owner-only file per component
 * ({@code <component>.token}) into {@code opsplane.security.service-tokens-dir}; at start each is stored
 * (hashed) as the token of subject {@code service:<component>} with role {@code service:<component>},
 * replacing an older secret of that component. Only components with a built-in service role count.
 */
@ApplicationScoped
public class ServiceTokens {

    private static final Logger LOG = Logger.getLogger(ServiceTokens.class);
    private static final Duration LIFETIME = Duration.ofDays(3650);

    @ConfigProperty(name = "opsplane.security.service-tokens-dir")
    Optional<String> directory;

    void onStart(@Observes StartupEvent event) {
        Map<String, String> secrets = read();
        if (secrets.isEmpty()) {
            return;
        }
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> store(secrets)));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot store the service tokens: " + e.getMessage(), e);
        }
        LOG.infof("service tokens of %s", secrets.keySet());
    }

    private Uni<Void> store(Map<String, String> secrets) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> entry : secrets.entrySet()) {
            chain = chain.flatMap(ignored -> upsert(entry.getKey(), entry.getValue()));
        }
        return chain;
    }

    private static Uni<Void> upsert(String component, String secret) {
        String id = "service-" + component;
        return ApiToken.<ApiToken>findById(id).flatMap(existing -> {
            ApiToken token = existing == null ? new ApiToken() : existing;
            Instant now = Instant.now();
            token.id = id;
            token.name = component;
            token.subject = BuiltInRoles.serviceRole(component);
            token.roles = BuiltInRoles.serviceRole(component);
            token.kind = "service";
            token.secretHash = TokenSecrets.hash(secret);
            token.createdAt = existing == null ? now : existing.createdAt;
            token.expiresAt = now.plus(LIFETIME);
            token.revokedAt = null;
            token.createdBy = "platform";
            return existing == null ? token.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    private Map<String, String> read() {
        Map<String, String> secrets = new LinkedHashMap<>();
        if (directory.isEmpty() || directory.get().isBlank() || !Files.isDirectory(Path.of(directory.get()))) {
            return secrets;
        }
        try (Stream<Path> files = Files.list(Path.of(directory.get()))) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".token")) {
                    continue;
                }
                String component = name.substring(0, name.length() - ".token".length());
                String secret = Files.readString(file).strip();
                if (BuiltInRoles.isBuiltIn(BuiltInRoles.serviceRole(component)) && TokenSecrets.isWellFormed(secret)) {
                    secrets.put(component, secret);
                } else {
                    LOG.warnf("ignored %s: not a component with a service role, or not a token", file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service tokens in " + directory.get(), e);
        }
        return secrets;
    }
}
