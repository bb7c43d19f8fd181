package io.opsplane.pipeline.definition;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Serves includes from maps, for tests: local paths, "project@ref:file" keys and URLs. */
final class MapIncludeResolver implements IncludeResolver {

    final Map<String, String> locals = new HashMap<>();
    final Map<String, String> projects = new HashMap<>();
    final Map<String, String> remotes = new HashMap<>();

    MapIncludeResolver local(String path, String yaml) {
        locals.put(path, yaml);
        return this;
    }

    MapIncludeResolver project(String project, String ref, String file, String yaml) {
        projects.put(project + "@" + ref + ":" + file, yaml);
        return this;
    }

    MapIncludeResolver remote(String url, String yaml) {
        remotes.put(url, yaml);
        return this;
    }

    @Override
    public Optional<String> local(String path) {
        return Optional.ofNullable(locals.get(path));
    }

    @Override
    public Optional<String> project(String project, String ref, String file) {
        return Optional.ofNullable(projects.get(project + "@" + ref + ":" + file));
    }

    @Override
    public Optional<String> remote(String url) {
        return Optional.ofNullable(remotes.get(url));
    }
}
