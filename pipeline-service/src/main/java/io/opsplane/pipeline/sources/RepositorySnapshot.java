package io.opsplane.pipeline.sources;

import io.opsplane.pipeline.definition.IncludeResolver;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A repository at one commit, as a run of it sees it: the definition file, the files {@code include: local}
 * reads (read once, then remembered), the changed files for {@code changes} (empty when unknown) and every
 * file for {@code exists}.
 */
public final class RepositorySnapshot {

    private final String repositoryUrl;
    private final String commitSha;
    private final String definitionFile;
    private final String definition;
    private final Set<String> files;
    private final Optional<Set<String>> changedFiles;
    private final Function<String, Optional<String>> reader;
    private final Map<String, Optional<String>> read = new ConcurrentHashMap<>();

    public RepositorySnapshot(String repositoryUrl, String commitSha, String definitionFile, String definition,
            Set<String> files, Optional<Set<String>> changedFiles, Function<String, Optional<String>> reader) {
        this.repositoryUrl = repositoryUrl;
        this.commitSha = commitSha;
        this.definitionFile = definitionFile;
        this.definition = definition;
        this.files = Set.copyOf(files);
        this.changedFiles = changedFiles.map(Set::copyOf);
        this.reader = reader;
    }

    public String repositoryUrl() {
        return repositoryUrl;
    }

    public String commitSha() {
        return commitSha;
    }

    public String definitionFile() {
        return definitionFile;
    }

    public String definition() {
        return definition;
    }

    public Set<String> files() {
        return files;
    }

    public Optional<Set<String>> changedFiles() {
        return changedFiles;
    }

    /** {@code include: local} from this commit; other kinds of include are not reachable from a source. */
    public IncludeResolver includes() {
        return new IncludeResolver() {
            @Override
            public Optional<String> local(String path) {
                String clean = path.startsWith("/") ? path.substring(1) : path;
                if (!files.contains(clean)) {
                    return Optional.empty();
                }
                return read.computeIfAbsent(clean, reader);
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
