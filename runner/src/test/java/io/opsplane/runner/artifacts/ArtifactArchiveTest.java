package io.opsplane.runner.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactArchiveTest {

    @TempDir
    Path dir;

    Path build;
    Path outside;

    @BeforeEach
    void workspace() throws IOException {
        build = Files.createDirectories(dir.resolve("build"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "do not take");
        write("out/app.bin", "binary");
        write("out/tmp/scratch", "scratch");
        write("lib/a/b/c.jar", "jar");
        write("lib/a/notes.txt", "notes");
        write("README.md", "readme");
        Files.writeString(Files.createDirectories(build.resolve("bin")).resolve("run.sh"), "#!/bin/sh\necho hi\n");
        build.resolve("bin/run.sh").toFile().setExecutable(true);
    }

    private void write(String path, String content) throws IOException {
        Path file = build.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void globsSelectFilesDirectoriesTakeEverythingUnderThemAndExcludeWins() throws IOException {
        var selection = ArtifactArchive.select(build, List.of("out/", "**/*.jar", "./README.md", "missing/*"),
                List.of("out/tmp/**"), false);
        assertEquals(List.of("README.md", "lib/a/b/c.jar", "out/app.bin"), selection.files());
        assertTrue(selection.warnings().contains("WARNING: missing/*: no matching files"), selection.warnings()
                .toString());
        assertEquals(List.of("lib/a/notes.txt"), ArtifactArchive.select(build, List.of("lib/*/*.txt"), List.of(),
                false).files());
        var escaping = ArtifactArchive.select(build, List.of("../outside/secret", "/etc/passwd"), List.of(), false);
        assertEquals(List.of(), escaping.files());
        assertEquals(2, escaping.warnings().stream().filter(w -> w.contains("not a path inside")).count());
        assertEquals(6, ArtifactArchive.select(build, List.of(), List.of(), true).files().size());
    }

    @Test
    void linksOutOfTheWorkspaceAreNeitherFollowedNorArchived() throws IOException {
        Files.createSymbolicLink(build.resolve("out/escape"), outside.resolve("secret"));
        Files.createSymbolicLink(build.resolve("out/dir-escape"), outside);
        Files.createSymbolicLink(build.resolve("out/inside"), Path.of("app.bin"));
        var selection = ArtifactArchive.select(build, List.of("out/**"), List.of(), false);
        assertEquals(List.of("out/app.bin", "out/inside", "out/tmp/scratch"), selection.files());
        assertEquals(2, selection.warnings().stream().filter(w -> w.contains("pointing outside")).count());
    }

    @Test
    void collectedFilesComeBackWithTheirLinksAndModes() throws IOException {
        Files.createSymbolicLink(build.resolve("out/inside"), Path.of("app.bin"));
        var selection = ArtifactArchive.select(build, List.of("out/", "bin/"), List.of("out/tmp/"), false);
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        assertEquals(3, ArtifactArchive.write(build, selection.files(), archive));
        Path next = Files.createDirectories(dir.resolve("next"));
        assertEquals(3, ArtifactArchive.extract(new ByteArrayInputStream(archive.toByteArray()), next, w -> { }));
        assertEquals("binary", Files.readString(next.resolve("out/app.bin")));
        assertTrue(Files.isSymbolicLink(next.resolve("out/inside")));
        assertEquals("binary", Files.readString(next.resolve("out/inside")));
        assertTrue(Files.isExecutable(next.resolve("bin/run.sh")));
        assertFalse(Files.exists(next.resolve("out/tmp")));
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] tar(Entries entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.write(tar);
        }
        return out.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        byte[] data = content.getBytes();
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target, byte type) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private String refused(byte[] archive) {
        Path target = dir.resolve("target-" + System.nanoTime());
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> warnings = new ArrayList<>();
        return assertThrows(ArtifactArchive.UnsafeEntryException.class,
                () -> ArtifactArchive.extract(new ByteArrayInputStream(archive), target, warnings::add)).getMessage();
    }

    @Test
    void entriesReachingOutOfTheWorkspaceAreRefused() throws IOException {
        assertTrue(refused(tar(t -> file(t, "../x", "evil"))).contains("'..'"));
        assertTrue(refused(tar(t -> file(t, "a/../../x", "evil"))).contains("'..'"));
        assertTrue(refused(tar(t -> file(t, "/etc/x", "evil"))).contains("absolute"));
        assertFalse(Files.exists(dir.resolve("x")));
        // A link to /etc, then a file through it.
        String through = refused(tar(t -> {
            link(t, "etc", "/etc", TarArchiveEntry.LF_SYMLINK);
            file(t, "etc/x", "evil");
        }));
        assertTrue(through.contains("symbolic link pointing outside"), through);
        String relative = refused(tar(t -> link(t, "up", "../../outside", TarArchiveEntry.LF_SYMLINK)));
        assertTrue(relative.contains("symbolic link pointing outside"), relative);
        // A link inside, then a file through it: refused too (it is a link on the way).
        String viaInside = refused(tar(t -> {
            file(t, "real/f", "ok");
            link(t, "alias", "real", TarArchiveEntry.LF_SYMLINK);
            file(t, "alias/g", "evil");
        }));
        assertTrue(viaInside.contains("goes through the symbolic link 'alias'"), viaInside);
        String hard = refused(tar(t -> link(t, "h", "../outside/secret", TarArchiveEntry.LF_LINK)));
        assertTrue(hard.contains("'..'"), hard);
        String hardAbsolute = refused(tar(t -> link(t, "h", "/etc/passwd", TarArchiveEntry.LF_LINK)));
        assertTrue(hardAbsolute.contains("absolute"), hardAbsolute);
        assertEquals("do not take", Files.readString(outside.resolve("secret")));
    }

    @Test
    void aLinkAlreadyInTheWorkspaceIsNotWrittenThrough() throws IOException {
        Files.createSymbolicLink(build.resolve("cfg"), outside);
        byte[] archive = tar(t -> file(t, "cfg/secret", "overwritten"));
        assertThrows(ArtifactArchive.UnsafeEntryException.class,
                () -> ArtifactArchive.extract(new ByteArrayInputStream(archive), build, w -> { }));
        byte[] replacing = tar(t -> file(t, "cfg", "a file now"));
        ArtifactArchive.extract(new ByteArrayInputStream(replacing), build, w -> { });
        assertFalse(Files.isSymbolicLink(build.resolve("cfg")), "the link itself is replaced, not followed");
        assertEquals("do not take", Files.readString(outside.resolve("secret")));
    }
}
