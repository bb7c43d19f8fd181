package io.opsplane.runner.executor;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The files and directories under a tree that other users may not read: /etc/shadow, SSH host keys, database
 * configurations. The sandbox runs a root runner's jobs as uid 0 without capabilities, which
 * still owns those files and could read them, so the sandbox lays empty ones over them. Symbolic links are
 * not followed: what they point to is judged where it lies.
 */
record UnreadableFiles(List<Path> files, List<Path> directories) {

    static UnreadableFiles under(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                Set<PosixFilePermission> permissions = permissions(directory);
                if (!directory.equals(root) && !(permissions.contains(PosixFilePermission.OTHERS_READ)
                        && permissions.contains(PosixFilePermission.OTHERS_EXECUTE))) {
                    directories.add(directory);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && !permissions(file).contains(PosixFilePermission.OTHERS_READ)) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
        return new UnreadableFiles(List.copyOf(files), List.copyOf(directories));
    }

    private static Set<PosixFilePermission> permissions(Path path) throws IOException {
        return Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .permissions();
    }
}
