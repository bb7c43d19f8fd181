package io.opsplane.security.jwt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing keys from a JWKS file, read again whenever the file's modification time (or size) changes,
 * so keys can be rotated without a restart. A file that cannot be read or parsed leaves the last good
 * keys in place; the problem is logged once and kept in {@link #lastError()}.
 */
public final class JwksFile implements KeySource {

    private static final System.Logger LOG = System.getLogger(JwksFile.class.getName());

    /** What identifies one version of the file; equal stamps are not read twice. */
    private record Stamp(FileTime modified, long size) {
    }

    private final Path path;
    private volatile JwksKeys keys;
    private volatile Stamp seen;
    private volatile String lastError;

    /**
     * Reads the file now.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not a valid JWKS
     */
    public JwksFile(Path path) {
        this.path = Objects.requireNonNull(path, "JWKS file path");
        try {
            Stamp stamp = stamp();
            this.keys = read();
            this.seen = stamp;
            LOG.log(System.Logger.Level.INFO, "read {0} signing keys from JWKS file {1}", keys.size(), path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read JWKS file " + path + ": " + describe(e), e);
        } catch (InvalidJwksException e) {
            throw new IllegalArgumentException("JWKS file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<PublicKey> find(String kid, String alg) {
        return current().find(kid, alg);
    }

    /** The keys in use, after reading the file again when it changed. */
    public JwksKeys current() {
        Stamp stamp;
        try {
            stamp = stamp();
        } catch (IOException e) {
            report(null, "cannot read JWKS file " + path + ": " + describe(e));
            return keys;
        }
        if (!stamp.equals(seen)) {
            reload(stamp);
        }
        return keys;
    }

    /** Why the file was last found unusable, or empty when the keys in use are from its current version. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    private synchronized void reload(Stamp stamp) {
        if (stamp.equals(seen)) {
            return;
        }
        try {
            // The stamp is taken before reading: a write during the read changes it, and the next call reads again.
            keys = read();
            seen = stamp;
            lastError = null;
            LOG.log(System.Logger.Level.INFO, "read {0} signing keys from JWKS file {1}", keys.size(), path);
        } catch (IOException e) {
            report(stamp, "cannot read JWKS file " + path + ": " + describe(e));
        } catch (InvalidJwksException e) {
            report(stamp, "JWKS file " + path + " keeps its last good keys: " + e.getMessage());
        }
    }

    /**
     * Logs a problem the first time it is seen. A broken version of the file is remembered so it is not
     * parsed again; a file that cannot be seen at all (null stamp) is read again once it is back.
     */
    private synchronized void report(Stamp stamp, String error) {
        seen = stamp;
        if (!error.equals(lastError)) {
            lastError = error;
            LOG.log(System.Logger.Level.WARNING, error);
        }
    }

    /** The exception's kind, and its message when that says more than the path. */
    private String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName()
                + (message == null || message.equals(path.toString()) ? "" : ": " + message);
    }

    private Stamp stamp() throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime(), attributes.size());
    }

    private JwksKeys read() throws IOException {
        JwksKeys read = JwksKeys.parse(Files.readString(path, StandardCharsets.UTF_8));
        for (String refusal : read.refusedKeys()) {
            LOG.log(System.Logger.Level.INFO, "JWKS file {0}: skipped {1}", path, refusal);
        }
        return read;
    }
}
