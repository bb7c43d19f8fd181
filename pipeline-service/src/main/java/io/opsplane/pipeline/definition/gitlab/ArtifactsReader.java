package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.ArtifactsSpec;
import io.opsplane.pipeline.definition.model.When;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code artifacts:}: {@code paths}, {@code exclude}, {@code name}, {@code untracked}, {@code when},
 * {@code expire_in} (a duration or {@code never}). {@code reports}, {@code expose_as}, {@code public} and
 * {@code access} are accepted with a warning: artifacts are kept, but reports are not parsed and visibility is not
 * changed.
 */
final class ArtifactsReader {

    private static final Set<String> KEYS = Set.of("paths", "exclude", "name", "untracked", "when", "expire_in",
            "reports", "expose_as", "public", "access");

    private ArtifactsReader() {
    }

    static Optional<ArtifactsSpec> read(Where where, Optional<YamlValue> value, Warnings warnings)
            throws InvalidDefinitionException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        YamlMap map = Read.map(where, value.get());
        Read.keys(where, map, KEYS);
        if (map.has("reports")) {
            warnings.keyword("artifacts:reports", where.owner(), "reports are kept as artifacts, not parsed");
            Read.map(where.at("reports"), map.get("reports").get());
        }
        for (String ignored : new String[] {"expose_as", "public", "access"}) {
            if (map.has(ignored)) {
                warnings.keyword("artifacts:" + ignored, where.owner(), "has no effect on who sees artifacts");
            }
        }
        List<String> paths = map.present("paths").isPresent() ? Read.strings(where.at("paths"),
                map.present("paths").get()) : List.of();
        List<String> exclude = map.present("exclude").isPresent() ? Read.strings(where.at("exclude"),
                map.present("exclude").get()) : List.of();
        String name = map.present("name").isPresent() ? Read.string(where.at("name"), map.present("name").get()) : "";
        boolean untracked = map.present("untracked").isPresent()
                && Read.bool(where.at("untracked"), map.present("untracked").get());
        When when = map.present("when").isPresent() ? When.valueOf(Read.choice(where.at("when"),
                map.present("when").get(), Set.of("on_success", "on_failure", "always")).toUpperCase(
                java.util.Locale.ROOT)) : When.ON_SUCCESS;
        Optional<Duration> expireIn = Optional.empty();
        if (map.present("expire_in").isPresent()) {
            YamlValue expire = map.present("expire_in").get();
            String text = Read.string(where.at("expire_in"), expire);
            expireIn = Optional.of(text.strip().equalsIgnoreCase("never") ? ArtifactsSpec.NEVER_EXPIRES
                    : Durations.parse(text).orElseThrow(() -> where.at("expire_in").error(expire,
                            "'" + text + "' is not a duration (such as '1 week' or 'never')")));
        }
        return Optional.of(new ArtifactsSpec(name, paths, exclude, untracked, when, expireIn));
    }
}
