package io.opsplane.deploy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactFoldersTest {

    @TempDir
    Path folder;

    private ArtifactFolders artifacts;

    @BeforeEach
    void layout() throws Exception {
        Files.createDirectories(folder.resolve("root/app/v1"));
        Files.createDirectories(folder.resolve("outside"));
        Files.createSymbolicLink(folder.resolve("root/escape"), folder.resolve("outside"));
        Files.createSymbolicLink(folder.resolve("root/inside"), folder.resolve("root/app"));
        artifacts = new ArtifactFolders(folder.resolve("root"));
    }

    @Test
    void aFolderBelowTheRootIsItsRealPath() throws Exception {
        assertEquals(folder.resolve("root/app/v1").toRealPath(), artifacts.resolve("artifactPath", "app/v1"));
        assertEquals(folder.resolve("root/app").toRealPath(), artifacts.resolve("artifactPath", "inside"));
        assertEquals(folder.resolve("root/app/v1").toRealPath(), artifacts.resolve("artifactPath", "./app//v1/"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "../outside|climb out",
        "app/../../outside|climb out",
        "app/v1/..|climb out",
        "/etc|absolute",
        "escape|symbolic link",
        "missing|names no folder",
        "'  '|must name a folder",
        "app\\v1|backslashes"})
    void pathsThatLeaveTheRootOrNameNothingAreRefused(String path, String reason) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> artifacts.resolve("artifactPath", path));
        assertEquals("artifactPath", e.field());
        assertTrue(e.problem().contains(reason), e.problem());
    }

    @Test
    void controlCharactersAreRefused() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> artifacts.resolve("artifactPath", "app\u0000"));
        assertTrue(e.problem().contains("control characters"), e.problem());
    }
}
