package io.opsplane.runner;

import io.opsplane.platform.git.Git;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts one commit of a repository into a job's workspace: {@code git init}, a shallow fetch of that commit where
 * the server allows fetching by id, else a full fetch, then a checkout of the commit (on a local branch of the
 * run's ref name when it is a valid branch name, else detached). Every value is an argument of its own, never
 * part of a shell string; credentials reach git only through the environment.
 */
final class Checkout {

    /** The variable by which pipeline-service hands over the repository's credentials. */
    static final String CREDENTIALS = "OPSPLANE_GIT_CREDENTIALS";

    private final Duration timeout;

    Checkout(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param branch the branch to name the checkout (CI_COMMIT_BRANCH), or empty for a detached head
     * @param notice lines for the job's log
     */
    void into(Path workspace, String url, String sha, String branch, String secret, Consumer<String> notice) {
        if (!Git.isSha(sha)) {
            throw new IllegalArgumentException("not a commit id: '" + sha + "'");
        }
        if (!(url.startsWith("https://") || url.startsWith("ssh://") || url.startsWith("file:///"))) {
            throw new IllegalArgumentException("the runner checks out https://, ssh:// and file:// repositories only");
        }
        Git git = new Git(timeout, "https:ssh:file", secret == null || secret.isEmpty() ? Git.Credentials.NONE
                : new Git.Credentials(user(url), secret));
        notice.accept("Checking out " + sha.substring(0, Math.min(8, sha.length())) + " of " + url);
        git.require(workspace, List.of("init", "--quiet"));
        Git.Result shallow = git.run(workspace, List.of("fetch", "--quiet", "--no-tags", "--depth", "1", "--", url,
                sha));
        if (!shallow.ok()) {
            notice.accept("The server does not hand out the commit by its id; fetching the whole repository");
            git.require(workspace, List.of("fetch", "--quiet", "--no-tags", "--", url,
                    "+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"));
        }
        List<String> checkout = new ArrayList<>(List.of("-c", "advice.detachedHead=false", "checkout", "--quiet"));
        if (branch != null && !branch.isEmpty() && !branch.startsWith("-")
                && git.run(workspace, List.of("check-ref-format", "--branch", branch)).ok()) {
            checkout.addAll(List.of("-B", branch, sha));
        } else {
            checkout.addAll(List.of("--detach", sha));
        }
        git.require(workspace, checkout);
    }

    private static String user(String url) {
        try {
            String info = new URI(url).getUserInfo();
            return info == null || info.isEmpty() ? "git" : info;
        } catch (URISyntaxException e) {
            return "git";
        }
    }
}
