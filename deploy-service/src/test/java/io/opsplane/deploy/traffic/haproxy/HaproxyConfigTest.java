package io.opsplane.deploy.traffic.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HaproxyConfigTest {

    @Test
    void eachRouteIsALoopbackFrontendAndAServerlessBackendOfTheSameName() {
        String config = HaproxyConfig.render(Path.of("/state/admin.sock"),
                List.of(new HaproxyRoute("web.staging", 30001), new HaproxyRoute("web.prod", 30002)));

        assertTrue(config.contains("    stats socket /state/admin.sock mode 600 level admin\n"), config);
        assertTrue(config.contains("frontend web.staging\n    bind 127.0.0.1:30001\n    default_backend web.staging\n"), config);
        assertTrue(config.contains("backend web.prod\n    balance roundrobin\n    option httpchk GET /healthz\n"), config);
        assertEquals(0, config.lines().filter(line -> line.strip().startsWith("server")).count(), "servers come at run time");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "web staging | 30001 | route.name",
            "web\\nbind  | 30001 | route.name",
            "-web        | 30001 | route.name",
            "web         | 0     | route.port",
            "web         | 65536 | route.port",
    })
    void refusesRoutesThatCouldNotBeWrittenSafely(String name, int port, String field) {
        InvalidFieldException error = assertThrows(InvalidFieldException.class, () -> new HaproxyRoute(name.replace("\\n", "\n"), port));
        assertEquals(field, error.field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ready",
            "/ready now",
            "/ready#x",
            "/ready\\nbind 0.0.0.0:80",
            "/ready\"",
    })
    void refusesHealthPathsThatCouldBreakTheConfiguration(String path) {
        InvalidFieldException error = assertThrows(InvalidFieldException.class,
                () -> new HaproxyRoute("web", 30001, path.replace("\\n", "\n")));
        assertEquals("route.healthPath", error.field());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/state/admin sock",
            "/state/admin#.sock",
            "/state/\"admin.sock",
    })
    void refusesASocketPathThatWouldBreakTheConfigurationLine(String socket) {
        assertThrows(IllegalArgumentException.class,
                () -> HaproxyConfig.render(Path.of(socket), List.of(new HaproxyRoute("web", 30001))));
    }

    @Test
    void refusesTwoRoutesOnOnePortOrWithOneName() {
        assertThrows(IllegalArgumentException.class, () -> HaproxyConfig.render(Path.of("/s/admin.sock"),
                List.of(new HaproxyRoute("a", 30001), new HaproxyRoute("b", 30001))));
        assertThrows(IllegalArgumentException.class, () -> HaproxyConfig.render(Path.of("/s/admin.sock"),
                List.of(new HaproxyRoute("a", 30001), new HaproxyRoute("a", 30002))));
    }
}
