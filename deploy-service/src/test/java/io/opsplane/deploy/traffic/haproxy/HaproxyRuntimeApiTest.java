package io.opsplane.deploy.traffic.haproxy;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HaproxyRuntimeApiTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"show info;shutdown frontend web", "show info\nshutdown frontend web", "show info\r", "", "  ", "show\u0000info"})
    void refusesAnythingButOneCommand(String command) {
        HaproxyRuntimeApi api = new HaproxyRuntimeApi(folder.resolve("admin.sock"), Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> api.execute(command));
    }

    @Test
    void refusesASocketPathLongerThanAUnixAddressHolds() {
        Path deep = folder.resolve("x".repeat(120)).resolve("admin.sock");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new HaproxyRuntimeApi(deep, Duration.ofSeconds(1)));
        assertTrue(error.getMessage().contains("107 bytes"), error.getMessage());
    }

    @Test
    void noSocketIsAnIoFailureNamingIt() {
        HaproxyRuntimeApi api = new HaproxyRuntimeApi(folder.resolve("admin.sock"), Duration.ofSeconds(1));
        UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> api.execute("show info"));
        assertTrue(error.getMessage().contains(folder.resolve("admin.sock").toString()), error.getMessage());
    }
}
