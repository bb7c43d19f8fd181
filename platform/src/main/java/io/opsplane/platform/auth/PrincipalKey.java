package io.opsplane.platform.auth;

import io.opsplane.platform.access.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * security-service's public key for principal assertions: from {@code opsplane.auth.principal-key}
 * (base64) or the file {@code opsplane.auth.principal-key-file}, which security-service writes on its
 * first start; read lazily, so a service may start before it.
 */
@ApplicationScoped
public class PrincipalKey {

    @ConfigProperty(name = "opsplane.auth.principal-key")
    Optional<String> value;

    @ConfigProperty(name = "opsplane.auth.principal-key-file")
    Optional<String> file;

    private volatile PublicKey key;

    public PublicKey get() {
        PublicKey current = key;
        if (current == null) {
            current = load();
            key = current;
        }
        return current;
    }

    private PublicKey load() {
        if (value.isPresent() && !value.get().isBlank()) {
            return SigningKeys.publicKey(value.get());
        }
        if (file.isEmpty() || file.get().isBlank()) {
            throw new IllegalStateException("no principal key: set opsplane.auth.principal-key or -key-file");
        }
        try {
            return SigningKeys.publicKey(Files.readString(Path.of(file.get())));
        } catch (IOException e) {
            throw new UncheckedIOException("the principal key file " + file.get() + " cannot be read yet", e);
        }
    }
}
