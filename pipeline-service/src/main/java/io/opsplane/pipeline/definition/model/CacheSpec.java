package io.opsplane.pipeline.definition.model;

import java.util.List;

/**
 * {@code cache:} kept per runner; {@code policy} is pull-push (default), pull or push (or a {@code $VARIABLE}
 * holding one of them).
 *
 * @param key           the key as written ({@code default} when absent); empty when the key is computed from files
 * @param keyFiles      {@code key: files:}: the key is computed from these files' last commits when the job runs
 * @param keyPrefix     {@code key: prefix:} put in front of the computed key
 * @param fallbackKeys  keys tried in order when {@code key} has no cache yet
 * @param untracked     also cache files git does not track
 */
public record CacheSpec(String key, List<String> paths, String policy, When when, List<String> keyFiles,
        String keyPrefix, List<String> fallbackKeys, boolean untracked) {

    public CacheSpec {
        paths = List.copyOf(paths);
        keyFiles = List.copyOf(keyFiles);
        fallbackKeys = List.copyOf(fallbackKeys);
    }

    public CacheSpec(String key, List<String> paths, String policy, When when) {
        this(key, paths, policy, when, List.of(), "", List.of(), false);
    }
}
