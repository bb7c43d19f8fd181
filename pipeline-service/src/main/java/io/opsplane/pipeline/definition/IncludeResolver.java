package io.opsplane.pipeline.definition;

import java.util.Optional;

/**
 * Supplies the files a definition includes. The caller decides what is reachable: files of the same repository at
 * the registered version, other projects it knows, remote hosts an operator allowed. An empty answer makes the
 * compiler refuse the definition, naming the include.
 */
public interface IncludeResolver {

    /** {@code include: local}: a path from the repository root, without a leading slash (e.g. {@code ci/build.yml}). */
    Optional<String> local(String path);

    /**
     * {@code include: project}: {@code file} (no leading slash) of {@code project} at {@code ref}; {@code ref} is
     * empty when the include names none (the project's default branch).
     */
    Optional<String> project(String project, String ref, String file);

    /** {@code include: remote}, or an include written as an {@code https://} address. */
    Optional<String> remote(String url);

    /** A resolver that has no file at all. */
    static IncludeResolver none() {
        return new IncludeResolver() {
            @Override
            public Optional<String> local(String path) {
                return Optional.empty();
            }

            @Override
            public Optional<String> project(String project, String ref, String file) {
                return Optional.empty();
            }

            @Override
            public Optional<String> remote(String url) {
                return Optional.empty();
            }
        };
    }
}
