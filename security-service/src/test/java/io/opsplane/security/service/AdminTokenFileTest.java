package io.opsplane.security.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

    @TempDir
    Path dir;

    @Test
    void theGeneratedTokenIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("nested/admin-token");
        AdminBootstrap.writeOwnerOnly(file, "ops_secret");
        assertEquals("ops_secret\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void anExistingFileIsReplacedWithOwnerOnlyPermissions() throws Exception {
        Path file = dir.resolve("admin-token");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        AdminBootstrap.writeOwnerOnly(file, "ops_new");
        assertEquals("ops_new\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
