package io.opsplane.runner.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Job artifacts as a gzip-compressed tar. Collecting selects workspace files by GitLab's globs ({@code **} crosses
 * directories, a directory takes everything under it), minus {@code exclude}; symbolic links are stored as links
 * when they point inside the workspace and skipped otherwise, and are never followed. Extracting refuses, before
 * writing anything through it, any entry that would land outside the workspace: {@code ..}, absolute names, links
 * (symbolic or hard) pointing outside, and writes through a symbolic link (zip slip).
 */
public final class ArtifactArchive {

    private ArtifactArchive() {
    }

    /** An archive entry that would reach outside the workspace. */
    public static final class UnsafeEntryException extends IOException {
        UnsafeEntryException(String entry, String why) {
            super("refusing archive entry '" + entry + "': " + why);
        }
    }

    /** What a collection selected. */
    public record Selection(List<String> files, List<String> warnings) {
    }

    /** The workspace paths (relative, '/'-separated, sorted) that the patterns select. */
    public static Selection select(Path workspace, List<String> paths, List<String> exclude, boolean untracked)
            throws IOException {
        Path root = workspace.toRealPath();
        List<String> warnings = new ArrayList<>();
        List<String> all = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root)) {
                    all.add(relative(root, dir) + "/");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    all.add(relative(root, file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        TreeSet<String> selected = new TreeSet<>();
        List<Pattern> includes = new ArrayList<>();
        for (String given : paths) {
            String pattern = clean(given);
            if (pattern == null) {
                warnings.add("WARNING: " + given + ": not a path inside the workspace, ignored");
                continue;
            }
            includes.add(glob(pattern));
        }
        for (String path : all) {
            boolean taken = untracked && !path.startsWith(".git/") && !path.endsWith("/");
            for (Pattern include : includes) {
                taken |= matches(include, path);
            }
            if (taken && !path.endsWith("/")) {
                selected.add(path);
            }
        }
        for (String given : exclude) {
            String pattern = clean(given);
            if (pattern != null) {
                Pattern excluded = glob(pattern);
                selected.removeIf(path -> matches(excluded, path));
            }
        }
        List<String> files = new ArrayList<>();
        for (String path : selected) {
            Path file = root.resolve(path);
            if (Files.isSymbolicLink(file) && !inside(root, file.getParent().resolve(Files.readSymbolicLink(file)))) {
                warnings.add("WARNING: " + path + ": a symbolic link pointing outside the workspace, not archived");
                continue;
            }
            files.add(path);
        }
        for (int i = 0; i < includes.size(); i++) {
            Pattern include = includes.get(i);
            if (all.stream().noneMatch(path -> matches(include, path))) {
                warnings.add("WARNING: " + paths.get(i) + ": no matching files");
            }
        }
        return new Selection(files, warnings);
    }

    /** Writes the selected files as a tar.gz; returns how many entries it holds. */
    public static int write(Path workspace, List<String> files, OutputStream out) throws IOException {
        Path root = workspace.toRealPath();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out, 64 * 1024))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (String path : files) {
                Path file = root.resolve(path);
                if (Files.isSymbolicLink(file)) {
                    TarArchiveEntry link = new TarArchiveEntry(path, TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(Files.readSymbolicLink(file).toString());
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                    continue;
                }
                TarArchiveEntry entry = new TarArchiveEntry(path);
                entry.setSize(Files.size(file));
                entry.setMode(Files.isExecutable(file) ? 0100755 : 0100644);
                entry.setModTime(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
                tar.putArchiveEntry(entry);
                try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                    in.transferTo(tar);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return files.size();
    }

    /** Extracts a tar.gz into the workspace; returns how many entries it held. */
    public static int extract(InputStream tarGz, Path workspace, Consumer<String> warn) throws IOException {
        Path root = workspace.toRealPath();
        int count = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tarGz, 64 * 1024))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                count++;
                String name = entry.getName();
                Path target = safeTarget(root, name);
                if (entry.isDirectory()) {
                    createDirectories(root, target, name);
                    continue;
                }
                createDirectories(root, target.getParent(), name);
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new UnsafeEntryException(name, "a directory is in the way");
                }
                Files.deleteIfExists(target);
                if (entry.isSymbolicLink()) {
                    String link = entry.getLinkName();
                    if (link.isEmpty() || link.startsWith("/") || link.indexOf('\0') >= 0
                            || !inside(root, target.getParent().resolve(link))) {
                        throw new UnsafeEntryException(name, "a symbolic link pointing outside the workspace ("
                                + link + ")");
                    }
                    Files.createSymbolicLink(target, Path.of(link));
                } else if (entry.isLink()) {
                    Path source = safeTarget(root, entry.getLinkName());
                    requireNoLinkOnTheWay(root, source, entry.getLinkName());
                    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                        throw new UnsafeEntryException(name, "a hard link to '" + entry.getLinkName()
                                + "', which is not a file of the archive");
                    }
                    Files.createLink(target, source);
                } else if (entry.isFile()) {
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        tar.transferTo(out);
                    }
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                } else {
                    warn.accept("WARNING: " + name + ": not a file, directory or link, not extracted");
                    count--;
                }
            }
        }
        return count;
    }

    /** The entry's place in the workspace; refuses absolute names and {@code ..}. */
    static Path safeTarget(Path root, String name) throws UnsafeEntryException {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw new UnsafeEntryException(name, "an empty name or one with NUL");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new UnsafeEntryException(name, "an absolute path");
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                throw new UnsafeEntryException(name, "a path with '..'");
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new UnsafeEntryException(name, "a path outside the workspace");
        }
        return target;
    }

    private static void createDirectories(Path root, Path dir, String name) throws IOException {
        requireNoLinkOnTheWay(root, dir, name);
        Files.createDirectories(dir);
    }

    /** Refuses a path that passes through a symbolic link (already in the workspace, or made by the archive). */
    private static void requireNoLinkOnTheWay(Path root, Path path, String name) throws UnsafeEntryException {
        Path relative = root.relativize(path);
        Path at = root;
        for (Path part : relative) {
            at = at.resolve(part);
            if (Files.isSymbolicLink(at)) {
                throw new UnsafeEntryException(name, "it goes through the symbolic link '" + relative(root, at) + "'");
            }
            if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    private static boolean inside(Path root, Path path) {
        Path normal = path.normalize();
        return normal.startsWith(root) && !normal.equals(root) || normal.equals(root);
    }

    /** A pattern as a workspace-relative path; null when it leaves the workspace. */
    static String clean(String pattern) {
        String p = pattern.trim().replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.isEmpty() || p.startsWith("/") || List.of(p.split("/")).contains("..")) {
            return null;
        }
        return p;
    }

    /**
     * GitLab's glob: {@code **} any depth, {@code *} and {@code ?} within one name, {@code [..]} a class. A pattern
     * naming a directory (with or without a trailing '/') takes everything under it.
     */
    static Pattern glob(String pattern) {
        String p = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '*' && i + 1 < p.length() && p.charAt(i + 1) == '*') {
                i++;
                if (i + 1 < p.length() && p.charAt(i + 1) == '/') {
                    i++;
                    regex.append("(?:.*/)?");
                } else {
                    regex.append(".*");
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else if (c == '[') {
                int end = p.indexOf(']', i + 1);
                if (end < 0) {
                    regex.append("\\[");
                } else {
                    String body = p.substring(i + 1, end).replace("\\", "\\\\");
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    regex.append('[').append(body).append(']');
                    i = end;
                }
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // The pattern itself, or anything under what it names.
        return Pattern.compile(regex + "(?:/.*)?");
    }

    private static boolean matches(Pattern pattern, String path) {
        String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return pattern.matcher(bare).matches();
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
