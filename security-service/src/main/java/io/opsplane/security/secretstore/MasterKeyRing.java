package io.opsplane.security.secretstore;

import io.opsplane.security.secrets.KeyRing;
import io.opsplane.security.secrets.MasterKeys;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The master keys of this instance, loaded once at start: the current one from
 * {@code opsplane.security.master-key} (base64) or else the owner-only key file, generated on first start;
 * the previous ones from {@code opsplane.security.master-key-previous} (comma-separated base64), kept while a
 * rotation moves data keys off them. A key that cannot be loaded stops the start: running without it would
 * leave every stored secret unreadable.
 */
@Startup
@ApplicationScoped
public class MasterKeyRing {

    private static final Logger LOG = Logger.getLogger(MasterKeyRing.class);

    @ConfigProperty(name = "opsplane.security.master-key")
    Optional<String> masterKey;

    @ConfigProperty(name = "opsplane.security.master-key-file")
    String masterKeyFile;

    @ConfigProperty(name = "opsplane.security.master-key-previous")
    Optional<String> previousKeys;

    private KeyRing ring;

    @PostConstruct
    void load() {
        Path file = Path.of(masterKeyFile);
        boolean fromEnvironment = masterKey.filter(value -> !value.isBlank()).isPresent();
        boolean generating = !fromEnvironment && !Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        ring = MasterKeys.ring(masterKey.orElse(null), file, previous());
        if (generating) {
            LOG.warnf("generated a new master key in %s (key id %s); back it up: without it stored secrets cannot "
                    + "be read", file.toAbsolutePath(), ring.current().keyId());
        }
        LOG.infof("secrets: master key %s is current; key ring %s", ring.current().keyId(), ring.keyIds());
    }

    public KeyRing ring() {
        return ring;
    }

    private List<String> previous() {
        return previousKeys.map(value -> Arrays.stream(value.split(",")).map(String::strip).toList())
                .orElse(List.of());
    }
}
