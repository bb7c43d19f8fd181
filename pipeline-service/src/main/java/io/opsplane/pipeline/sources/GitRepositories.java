package io.opsplane.pipeline.sources;

import io.opsplane.platform.crypto.Sha256;
import io.opsplane.platform.git.Git;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The repositories of pipeline sources, each fetched into a bare cache folder of its own (named by the hash of
 * its URL) with the {@code git} binary: a commit's definition, its files and what it changed. Blocking: call it
 * from a worker thread. One repository's folder is used by one call at a time.
 */
@ApplicationScoped
public class GitRepositories {

    /** The definition files looked for at a commit, in order. */
    public static final List<String> DEFINITION_FILES = List.of(".opsplane-ci.yml", ".gitlab-ci.yml");

    @ConfigProperty(name = "opsplane.pipeline.sources.allow-file-urls", defaultValue = "false")
    boolean allowFileUrls;

    @ConfigProperty(name = "opsplane.pipeline.sources.cache-dir")
    Optional<String> cacheDir;

    @ConfigProperty(name = "opsplane.pipeline.sources.git-timeout", defaultValue = "120s")
    Duration timeout;

    private final Map<Path, Object> locks = new ConcurrentHashMap<>();
    private Path cache;

    @PostConstruct
    void init() {
        cache = Path.of(cacheDir.orElse(System.getProperty("java.io.tmpdir") + "/opsplane-sources"));
    }

    public boolean allowFileUrls() {
        return allowFileUrls;
    }

    /** The URL, checked against this service's policy; IllegalArgumentException says why not. */
    public String check(String url) {
        return RepositoryUrls.check(url, allowFileUrls);
    }

    private Git git(String url, Git.Credentials credentials) {
        check(url);
        return new Git(timeout, allowFileUrls ? "https:ssh:file" : "https:ssh", credentials);
    }

    /** The heads of the repository's branches and tags: {@code refs/heads/x} or {@code refs/tags/x} → commit. */
    public Map<String, String> heads(String url, Git.Credentials credentials) {
        Path dir = cache.resolve("ls-remote");
        mkdirs(dir);
        Git.Result result = git(url, credentials).require(dir, List.of("ls-remote", "--heads", "--tags", "--", url));
        Map<String, String> heads = new LinkedHashMap<>();
        for (String line : result.text().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                continue;
            }
            String sha = line.substring(0, tab);
            String ref = line.substring(tab + 1);
            if (ref.endsWith("^{}")) {
                heads.put(ref.substring(0, ref.length() - 3), sha); // an annotated tag's commit
            } else {
                heads.putIfAbsent(ref, sha);
            }
        }
        return heads;
    }

    /** The repository at {@code sha}: fetched into the cache when the commit is not there yet. */
    public RepositorySnapshot snapshot(String url, Git.Credentials credentials, String sha) {
        if (!Git.isSha(sha)) {
            throw new IllegalArgumentException("not a commit id: '" + sha + "'");
        }
        Git git = git(url, credentials);
        Path dir = cache.resolve(Sha256.hex(url).substring(0, 32) + ".git");
        synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
            if (!Files.isDirectory(dir.resolve("objects"))) {
                mkdirs(dir);
                git.require(dir, List.of("init", "--quiet", "--bare"));
            }
            if (!hasCommit(git, dir, sha)) {
                git.require(dir, List.of("fetch", "--quiet", "--prune", "--no-tags", "--", url,
                        "+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"));
                if (!hasCommit(git, dir, sha)) {
                    // A commit no branch holds any more: servers that allow it hand it over by its id.
                    git.run(dir, List.of("fetch", "--quiet", "--no-tags", "--", url, sha));
                }
                if (!hasCommit(git, dir, sha)) {
                    throw new IllegalArgumentException("the repository has no commit " + sha);
                }
            }
            Set<String> files = names(git.require(dir, List.of("ls-tree", "-r", "-z", "--name-only", sha, "--")));
            String definitionFile = DEFINITION_FILES.stream().filter(files::contains).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("commit " + sha + " has no "
                            + String.join(" or ", DEFINITION_FILES)));
            String definition = show(git, dir, sha, definitionFile).orElseThrow();
            Optional<Set<String>> changed = Optional.empty();
            Git.Result parent = git.run(dir, List.of("rev-parse", "--verify", "--quiet", sha + "^1^{commit}"));
            if (parent.ok()) {
                changed = Optional.of(names(git.require(dir, List.of("diff-tree", "-r", "-z", "--no-commit-id",
                        "--name-only", parent.text().trim(), sha, "--"))));
            }
            return new RepositorySnapshot(url, sha, definitionFile, definition, files, changed,
                    path -> read(git, dir, sha, path));
        }
    }

    private Optional<String> read(Git git, Path dir, String sha, String path) {
        synchronized (locks.computeIfAbsent(dir, d -> new Object())) {
            return show(git, dir, sha, path);
        }
    }

    private static Optional<String> show(Git git, Path dir, String sha, String path) {
        Git.Result result = git.run(dir, List.of("show", sha + ":" + path));
        return result.ok() ? Optional.of(new String(result.out(), StandardCharsets.UTF_8)) : Optional.empty();
    }

    private static boolean hasCommit(Git git, Path dir, String sha) {
        return git.run(dir, List.of("cat-file", "-e", sha + "^{commit}")).ok();
    }

    private static Set<String> names(Git.Result result) {
        Set<String> names = new HashSet<>();
        Arrays.stream(result.text().split("\0")).filter(name -> !name.isEmpty()).forEach(names::add);
        return names;
    }

    private static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
