package io.opsplane.platform.config;

import io.opsplane.platform.access.OwnToken;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * {@value #PROPERTY}: this component's own token, from OPSPLANE_SERVICE_TOKEN or the file OPSPLANE_SERVICE_TOKEN_FILE
 * names (what containers mount), for settings that can only take a value, such as the OTLP exporter's
 * authorization header. Absent when neither is set or the file cannot be read.
 */
public final class OwnTokenConfigSource implements ConfigSource {

    public static final String PROPERTY = "opsplane.service.own-token";

    private final Function<String, String> environment;
    private volatile Optional<String> token;

    public OwnTokenConfigSource() {
        this(System::getenv);
    }

    OwnTokenConfigSource(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Map<String, String> getProperties() {
        return token().map(value -> Map.of(PROPERTY, value)).orElse(Map.of());
    }

    @Override
    public Set<String> getPropertyNames() {
        return token().isPresent() ? Set.of(PROPERTY) : Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return PROPERTY.equals(propertyName) ? token().orElse(null) : null;
    }

    @Override
    public String getName() {
        return "opsplane-own-token";
    }

    /** Below the environment and application.properties: an explicit setting wins. */
    @Override
    public int getOrdinal() {
        return 50;
    }

    private Optional<String> token() {
        Optional<String> known = token;
        if (known == null) {
            try {
                known = OwnToken.resolve(Optional.ofNullable(environment.apply("OPSPLANE_SERVICE_TOKEN")),
                        Optional.ofNullable(environment.apply("OPSPLANE_SERVICE_TOKEN_FILE")));
            } catch (UncheckedIOException e) {
                known = Optional.empty();
            }
            token = known;
        }
        return known;
    }
}
