package io.opsplane.pipeline.definition.model;

import java.util.List;

/** {@code cache:} kept per runner; {@code policy} is pull-push (default), pull or push. */
public record CacheSpec(String key, List<String> paths, String policy, When when) {
}
