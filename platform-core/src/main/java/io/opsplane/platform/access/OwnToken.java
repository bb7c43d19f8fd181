package io.opsplane.platform.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A component's own token: given as a value (OPSPLANE_SERVICE_TOKEN, what the launcher sets), or as a
 * file to read (OPSPLANE_SERVICE_TOKEN_FILE, what containers mount).
 */
public final class OwnToken {

    private OwnToken() {
    }

    public static Optional<String> resolve(Optional<String> value, Optional<String> file) {
        if (value.isPresent() && !value.get().isBlank()) {
            return Optional.of(value.get().strip());
        }
        if (file.isEmpty() || file.get().isBlank()) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(Path.of(file.get())).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read this component's token from " + file.get(), e);
        }
    }
}
