package io.opsplane.deploy.service;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Artifact folders below one root. A path that is absolute, climbs out with '..', or leads out through a
 * symbolic link is refused, so an application can only ever start from what the operator put under the root.
 */
public final class ArtifactFolders {

    private final Path root;

    public ArtifactFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The real folder {@code relative} names below the root. */
    public Path resolve(String field, String relative) {
        if (relative == null || relative.isBlank()) {
            throw new InvalidFieldException(field, "must name a folder below the artifact root");
        }
        if (relative.length() > 1024 || relative.chars().anyMatch(c -> c < ' ' || c == 0x7f || c == '\\')) {
            throw new InvalidFieldException(field, "must be at most 1024 characters without control characters or backslashes");
        }
        Path given;
        try {
            given = Path.of(relative);
        } catch (InvalidPathException e) {
            throw new InvalidFieldException(field, "is not a path: " + e.getReason());
        }
        if (given.isAbsolute()) {
            throw new InvalidFieldException(field, "must be relative to the artifact root, was absolute '" + Names.printable(relative) + "'");
        }
        for (Path part : given) {
            if (part.toString().equals("..")) {
                throw new InvalidFieldException(field, "must not climb out of the artifact root with '..', was '"
                        + Names.printable(relative) + "'");
            }
        }
        Path candidate = root.resolve(given).normalize();
        if (!candidate.startsWith(root)) {
            throw new InvalidFieldException(field, "must stay below the artifact root, was '" + Names.printable(relative) + "'");
        }
        if (!Files.isDirectory(candidate)) {
            throw new InvalidFieldException(field, "names no folder below the artifact root: '" + Names.printable(relative) + "'");
        }
        try {
            Path real = candidate.toRealPath();
            Path realRoot = root.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new InvalidFieldException(field, "leads out of the artifact root through a symbolic link: '"
                        + Names.printable(relative) + "'");
            }
            return real;
        } catch (IOException e) {
            throw new InvalidFieldException(field, "cannot be read: '" + Names.printable(relative) + "'");
        }
    }
}
