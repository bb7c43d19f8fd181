package io.opsplane.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckoutTest {

    @TempDir
    Path temp;

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), out);
        return out.trim();
    }

    private Path repository() throws Exception {
        Path repo = Files.createDirectories(temp.resolve("repo"));
        git(repo, "init", "--quiet", "-b", "main");
        git(repo, "config", "user.email", "t@example.com");
        git(repo, "config", "user.name", "T");
        return repo;
    }

    @Test
    void theCommitIsCheckedOutOnABranchWhoseNameStaysLiteral() throws Exception {
        Path repo = repository();
        Files.writeString(repo.resolve("app.txt"), "one\n");
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "-m", "one");
        String first = git(repo, "rev-parse", "HEAD");
        Files.writeString(repo.resolve("app.txt"), "two\n");
        git(repo, "commit", "--quiet", "-am", "two");

        Path workspace = Files.createDirectories(temp.resolve("workspace"));
        List<String> log = new ArrayList<>();
        String branch = "$(touch${IFS}pwned)";
        new Checkout(Duration.ofSeconds(60)).into(workspace, "file://" + repo, first, branch, "", log::add);

        assertEquals("one\n", Files.readString(workspace.resolve("app.txt")), "the commit asked for, not the head");
        assertEquals(first, git(workspace, "rev-parse", "HEAD"));
        assertEquals(branch, git(workspace, "rev-parse", "--abbrev-ref", "HEAD"));
        assertFalse(Files.exists(workspace.resolve("pwned")));
        assertFalse(Files.exists(temp.resolve("pwned")));
        assertTrue(log.get(0).startsWith("Checking out " + first.substring(0, 8)), log.toString());
    }

    @Test
    void aBranchNameThatIsNoRefNameLeavesTheHeadDetached() throws Exception {
        Path repo = repository();
        Files.writeString(repo.resolve("a"), "a\n");
        git(repo, "add", "-A");
        git(repo, "commit", "--quiet", "-m", "a");
        String sha = git(repo, "rev-parse", "HEAD");
        Path workspace = Files.createDirectories(temp.resolve("w2"));
        new Checkout(Duration.ofSeconds(60)).into(workspace, "file://" + repo, sha, "--upload-pack=x", "",
                line -> { });
        assertEquals("HEAD", git(workspace, "rev-parse", "--abbrev-ref", "HEAD"));
        assertEquals(sha, git(workspace, "rev-parse", "HEAD"));
    }

    @Test
    void onlyCommitIdsAndKnownSchemes() {
        Checkout checkout = new Checkout(Duration.ofSeconds(5));
        assertThrows(IllegalArgumentException.class, () -> checkout.into(temp, "file:///x", "--help", "", "",
                line -> { }));
        assertThrows(IllegalArgumentException.class, () -> checkout.into(temp, "ext::sh -c id",
                "0123456789abcdef0123456789abcdef01234567", "", "", line -> { }));
    }
}
