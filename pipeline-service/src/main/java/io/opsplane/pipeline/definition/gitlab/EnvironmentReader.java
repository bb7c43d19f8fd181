package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.EnvironmentSpec;
import java.util.Optional;
import java.util.Set;

/** {@code environment:}: a name, or {@code {name, url, action, deployment_tier, on_stop, auto_stop_in}}. */
final class EnvironmentReader {

    private static final Set<String> KEYS = Set.of("name", "url", "action", "deployment_tier", "on_stop",
            "auto_stop_in", "kubernetes");
    private static final Set<String> ACTIONS = Set.of("start", "prepare", "stop", "verify", "access");
    private static final Set<String> TIERS = Set.of("production", "staging", "testing", "development", "other");

    private EnvironmentReader() {
    }

    static Optional<EnvironmentSpec> read(Where where, Optional<YamlValue> value, Warnings warnings)
            throws InvalidDefinitionException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get() instanceof YamlScalar) {
            return Optional.of(new EnvironmentSpec(Read.string(where, value.get()), "", "start"));
        }
        YamlMap map = Read.map(where, value.get());
        Read.keys(where, map, KEYS);
        if (map.has("kubernetes")) {
            warnings.keyword("environment:kubernetes", where.owner(), "no Kubernetes dashboard is linked");
        }
        String name = Read.string(where.at("name"), map.present("name").orElseThrow(() -> where.error(map,
                "needs name:")));
        String url = text(where, map, "url");
        String action = map.present("action").isPresent()
                ? Read.choice(where.at("action"), map.present("action").get(), ACTIONS) : "start";
        String tier = map.present("deployment_tier").isPresent()
                ? Read.choice(where.at("deployment_tier"), map.present("deployment_tier").get(), TIERS) : "";
        String autoStopIn = text(where, map, "auto_stop_in");
        if (!autoStopIn.isEmpty() && !autoStopIn.equalsIgnoreCase("never") && Durations.parse(autoStopIn).isEmpty()) {
            throw where.at("auto_stop_in").error(map.present("auto_stop_in").get(), "'" + autoStopIn
                    + "' is not a duration (such as '2 weeks' or 'never')");
        }
        return Optional.of(new EnvironmentSpec(name, url, action, tier, text(where, map, "on_stop"), autoStopIn));
    }

    private static String text(Where where, YamlMap map, String key) throws InvalidDefinitionException {
        return map.present(key).isPresent() ? Read.string(where.at(key), map.present(key).get()) : "";
    }
}
