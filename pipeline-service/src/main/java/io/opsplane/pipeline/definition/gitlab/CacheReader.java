package io.opsplane.pipeline.definition.gitlab;

import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.CacheSpec;
import io.opsplane.pipeline.definition.model.When;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code cache:}: one mapping or a list of at most four; {@code cache: {}} means no cache. {@code key} is a string
 * or {@code {files, prefix}} (computed when the job runs); {@code unprotect} is accepted with a warning.
 */
final class CacheReader {

    static final int MAX_CACHES = 4;
    private static final Set<String> KEYS = Set.of("key", "paths", "policy", "when", "untracked", "unprotect",
            "fallback_keys");
    private static final Set<String> POLICIES = Set.of("pull", "push", "pull-push");

    private CacheReader() {
    }

    static List<CacheSpec> read(Where where, Optional<YamlValue> value, Warnings warnings)
            throws InvalidDefinitionException {
        List<CacheSpec> caches = new ArrayList<>();
        if (value.isEmpty()) {
            return caches;
        }
        List<YamlValue> items = value.get() instanceof YamlList list ? list.items() : List.of(value.get());
        if (items.size() > MAX_CACHES) {
            throw where.error(value.get(), "lists " + items.size() + " caches; at most " + MAX_CACHES
                    + " are allowed");
        }
        for (YamlValue item : items) {
            YamlMap map = Read.map(where, item);
            if (!map.isEmpty()) {
                caches.add(cache(where, map, warnings));
            }
        }
        return caches;
    }

    private static CacheSpec cache(Where where, YamlMap map, Warnings warnings) throws InvalidDefinitionException {
        Read.keys(where, map, KEYS);
        if (map.has("unprotect")) {
            warnings.keyword("cache:unprotect", where.owner(), "caches are not split by branch protection");
        }
        String key = "default";
        List<String> keyFiles = List.of();
        String keyPrefix = "";
        if (map.present("key").isPresent()) {
            YamlValue keyValue = map.present("key").get();
            Where keyWhere = where.at("key");
            if (keyValue instanceof YamlMap keyMap) {
                Read.keys(keyWhere, keyMap, Set.of("files", "prefix"));
                keyFiles = Read.strings(keyWhere.at("files"), keyMap.present("files").orElseThrow(
                        () -> keyWhere.error(keyMap, "needs files:")));
                if (keyFiles.isEmpty() || keyFiles.size() > 2) {
                    throw keyWhere.at("files").error(keyMap, "must list one or two files");
                }
                keyPrefix = keyMap.present("prefix").isPresent()
                        ? Read.string(keyWhere.at("prefix"), keyMap.present("prefix").get()) : "";
                key = "";
            } else {
                key = Read.string(keyWhere, keyValue);
            }
        }
        List<String> paths = map.present("paths").isPresent() ? Read.strings(where.at("paths"),
                map.present("paths").get()) : List.of();
        String policy = "pull-push";
        if (map.present("policy").isPresent()) {
            policy = Read.string(where.at("policy"), map.present("policy").get());
            if (!policy.startsWith("$") && !POLICIES.contains(policy)) {
                throw where.at("policy").error(map.present("policy").get(), "expected pull, push or pull-push, "
                        + "found '" + policy + "'");
            }
        }
        When when = map.present("when").isPresent() ? When.valueOf(Read.choice(where.at("when"),
                map.present("when").get(), Set.of("on_success", "on_failure", "always")).toUpperCase(
                java.util.Locale.ROOT)) : When.ON_SUCCESS;
        boolean untracked = map.present("untracked").isPresent()
                && Read.bool(where.at("untracked"), map.present("untracked").get());
        List<String> fallbackKeys = map.present("fallback_keys").isPresent()
                ? Read.strings(where.at("fallback_keys"), map.present("fallback_keys").get()) : List.of();
        return new CacheSpec(key, paths, policy, when, keyFiles, keyPrefix, fallbackKeys, untracked);
    }
}
