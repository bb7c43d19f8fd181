package io.opsplane.platform.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code git} binary with an argument list (never through a shell, so refs, URLs and paths stay
 * literal), never prompting ({@code GIT_TERMINAL_PROMPT=0}), limited to the transports given, and with
 * credentials handed over only through the environment: an askpass helper echoes them for https, an identity
 * file (readable by this user only) serves ssh. Nothing secret is ever on a command line.
 */
public final class Git {

    /** A finished git command. */
    public record Result(int exitCode, byte[] out, String err) {

        public boolean ok() {
            return exitCode == 0;
        }

        public String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    /** The credentials of a repository: a token or password for https, a private key for ssh. */
    public record Credentials(String user, String secret) {

        public static final Credentials NONE = new Credentials("", "");

        public boolean present() {
            return secret != null && !secret.isEmpty();
        }

        boolean isPrivateKey() {
            return secret.startsWith("-----BEGIN");
        }

        @Override
        public String toString() {
            return "Credentials[user=" + user + ", secret=" + (present() ? "***" : "") + "]";
        }
    }

    private static final int MAX_OUTPUT = 32 * 1024 * 1024;

    private final Duration timeout;
    private final String allowedProtocols;
    private final Credentials credentials;

    /**
     * @param allowedProtocols e.g. {@code "https:ssh"}; {@code GIT_ALLOW_PROTOCOL}, which submodules and
     *                         redirects obey too
     */
    public Git(Duration timeout, String allowedProtocols, Credentials credentials) {
        this.timeout = timeout;
        this.allowedProtocols = allowedProtocols;
        this.credentials = credentials == null ? Credentials.NONE : credentials;
    }

    /** Runs {@code git <args>} in {@code dir}; a non-zero exit is a Result, a timeout or an I/O failure throws. */
    public Result run(Path dir, List<String> args) {
        return run(dir, args, Map.of());
    }

    public Result run(Path dir, List<String> args, Map<String, String> extraEnv) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("GIT_"));
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_ALLOW_PROTOCOL", allowedProtocols);
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("LC_ALL", "C");
        env.putAll(extraEnv);
        List<Path> temporary = new ArrayList<>();
        try {
            credentials(env, temporary);
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("git " + args.get(0) + " took longer than " + timeout);
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run git: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while git ran", e);
        } finally {
            temporary.forEach(path -> path.toFile().delete());
        }
    }

    /** Runs git and fails with its error output when it exits non-zero. */
    public Result require(Path dir, List<String> args) {
        Result result = run(dir, args);
        if (!result.ok()) {
            throw new IllegalStateException("git " + args.get(0) + " failed (exit " + result.exitCode() + "): "
                    + result.err());
        }
        return result;
    }

    private void credentials(Map<String, String> env, List<Path> temporary) throws IOException {
        if (!credentials.present()) {
            // No helper may prompt or read stored credentials of this host's user.
            env.put("GIT_ASKPASS", "/bin/false");
            env.put("SSH_ASKPASS", "/bin/false");
            env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new");
            return;
        }
        if (credentials.isPrivateKey()) {
            Path key = Files.createTempFile("opsplane-git-key", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            temporary.add(key);
            Files.writeString(key, credentials.secret().endsWith("\n") ? credentials.secret()
                    : credentials.secret() + "\n");
            env.put("OPSPLANE_GIT_KEY_FILE", key.toString());
            env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o IdentitiesOnly=yes "
                    + "-o StrictHostKeyChecking=accept-new -i \"$OPSPLANE_GIT_KEY_FILE\"");
            return;
        }
        // The helper prints what the environment holds: the values are in no file and on no command line.
        Path askpass = Files.createTempFile("opsplane-git-askpass", ".sh",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        temporary.add(askpass);
        Files.writeString(askpass, """
                #!/bin/sh
                case "$1" in
                  Username*) printf '%s\\n' "$OPSPLANE_GIT_USER" ;;
                  *) printf '%s\\n' "$OPSPLANE_GIT_SECRET" ;;
                esac
                """);
        env.put("GIT_ASKPASS", askpass.toString());
        env.put("OPSPLANE_GIT_USER", credentials.user() == null || credentials.user().isEmpty() ? "git"
                : credentials.user());
        env.put("OPSPLANE_GIT_SECRET", credentials.secret());
        env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes -o StrictHostKeyChecking=accept-new");
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_OUTPUT) {
                    throw new IllegalStateException("git wrote more than " + MAX_OUTPUT + " bytes");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code value} is a full or abbreviated commit id (hex only: it can never be taken for an option). */
    public static boolean isSha(String value) {
        return value != null && value.matches("[0-9a-f]{7,64}");
    }
}
