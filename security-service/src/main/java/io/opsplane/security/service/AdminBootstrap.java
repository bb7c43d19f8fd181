package io.opsplane.security.service;

import io.opsplane.platform.outbox.Outbox;
import io.opsplane.security.domain.ApiToken;
import io.opsplane.security.token.TokenSecrets;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure an admin can get in on first start: when no active admin token exists, stores the one
 * given in {@code OPSPLANE_ADMIN_TOKEN}, or generates one, writes it to the admin token file (owner
 * read/write only) and prints it once. A given token that is not stored yet is added the same way.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
    /** The bootstrap token's bindings: the admin role, globally. */
    private static final String ADMIN = io.opsplane.platform.access.BuiltInRoles.ADMIN;
    /** Serialises bootstrap across instances starting together. */
    private static final long BOOTSTRAP_LOCK = 0x6f7073_61646dL;

    @Inject
    TokenService tokens;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "opsplane.security.admin-token")
    Optional<String> configuredToken;

    @ConfigProperty(name = "opsplane.security.admin-token-file")
    String tokenFile;

    @ConfigProperty(name = "opsplane.security.max-ttl")
    Duration maxTtl;

    void onStart(@Observes StartupEvent event) {
        Optional<String> given = configuredToken.filter(token -> !token.isBlank());
        if (given.isPresent() && !TokenSecrets.isWellFormed(given.get())) {
            throw new IllegalStateException("OPSPLANE_ADMIN_TOKEN must look like ops_ followed by 43 base64url "
                    + "characters (generate one with: echo ops_$(head -c32 /dev/urandom | basenc --base64url | tr -d =))");
        }
        String generated = TokenSecrets.generate();
        Boolean createdGenerated;
        try {
            createdGenerated = VertxContextSupport.subscribeAndAwait(() -> outbox.inTransaction(() -> Panache.getSession()
                    .flatMap(session -> session.createNativeQuery("SELECT pg_advisory_xact_lock(" + BOOTSTRAP_LOCK + ")")
                            .getSingleResult())
                    .flatMap(locked -> given.isPresent() ? storeGiven(given.get()) : generateWhenNoAdmin(generated))));
        } catch (Throwable e) {
            throw new IllegalStateException("cannot bootstrap the admin token: " + e.getMessage(), e);
        }
        if (Boolean.TRUE.equals(createdGenerated)) {
            Path file = writeOwnerOnly(Paths.get(tokenFile), generated);
            // Printed once, on purpose, to the console of whoever started the platform; never logged again.
            System.out.println("Opsplane admin token (also in " + file + "): " + generated);
        }
    }

    private Uni<Boolean> storeGiven(String secret) {
        return ApiToken.findBySecretHash(TokenSecrets.hash(secret)).flatMap(existing -> existing != null
                ? Uni.createFrom().item(false)
                : tokens.create("bootstrap-admin", "admin", ADMIN, maxTtl, "bootstrap", secret)
                        .invoke(issued -> LOG.info("stored the admin token given in OPSPLANE_ADMIN_TOKEN"))
                        .replaceWith(false));
    }

    private Uni<Boolean> generateWhenNoAdmin(String secret) {
        return ApiToken.countActiveWithRole(ADMIN, Instant.now()).flatMap(active -> active > 0
                ? Uni.createFrom().item(false)
                : tokens.create("bootstrap-admin", "admin", ADMIN, maxTtl, "bootstrap", secret)
                        .replaceWith(true));
    }

    static Path writeOwnerOnly(Path file, String secret) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the admin token to " + file, e);
        }
    }
}
