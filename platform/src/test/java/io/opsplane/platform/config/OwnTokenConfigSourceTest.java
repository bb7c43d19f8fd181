package io.opsplane.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnTokenConfigSourceTest {

    @TempDir
    Path folder;

    @Test
    void theValueWinsOverTheFile() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "ops_from_file\n");
        OwnTokenConfigSource source = new OwnTokenConfigSource(Map.of("OPSPLANE_SERVICE_TOKEN", "ops_value",
                "OPSPLANE_SERVICE_TOKEN_FILE", file.toString())::get);
        assertEquals("ops_value", source.getValue(OwnTokenConfigSource.PROPERTY));
    }

    @Test
    void theFileAsContainersMountIt() throws Exception {
        Path file = Files.writeString(folder.resolve("token"), "ops_from_file\n");
        OwnTokenConfigSource source = new OwnTokenConfigSource(Map.of("OPSPLANE_SERVICE_TOKEN_FILE",
                file.toString())::get);
        assertEquals("ops_from_file", source.getValue(OwnTokenConfigSource.PROPERTY));
        assertEquals(Set.of(OwnTokenConfigSource.PROPERTY), source.getPropertyNames());
        assertNull(source.getValue("something.else"));
    }

    @Test
    void absentWhenNeitherIsSetOrTheFileIsMissing() {
        assertEquals(Map.of(), new OwnTokenConfigSource(Map.<String, String>of()::get).getProperties());
        assertNull(new OwnTokenConfigSource(Map.of("OPSPLANE_SERVICE_TOKEN_FILE",
                folder.resolve("missing").toString())::get).getValue(OwnTokenConfigSource.PROPERTY));
    }
}
