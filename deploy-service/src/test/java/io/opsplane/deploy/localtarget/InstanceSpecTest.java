package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InstanceSpecTest {

    @TempDir
    static Path folder;

    static Stream<Arguments> badSpecs() {
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("A", null);
        return Stream.of(
                bad("name", spec -> new InstanceSpec("../etc/x", spec.command(), spec.environment(), spec.workingDirectory(),
                        spec.healthPath(), spec.readyTimeout(), spec.stopGrace(), spec.maxLogBytes())),
                bad("name", spec -> new InstanceSpec("", spec.command(), spec.environment(), spec.workingDirectory(),
                        spec.healthPath(), spec.readyTimeout(), spec.stopGrace(), spec.maxLogBytes())),
                bad("command", spec -> new InstanceSpec("web", List.of(), spec.environment(), spec.workingDirectory(),
                        spec.healthPath(), spec.readyTimeout(), spec.stopGrace(), spec.maxLogBytes())),
                bad("command", spec -> new InstanceSpec("web", List.of(" "), spec.environment(), spec.workingDirectory(),
                        spec.healthPath(), spec.readyTimeout(), spec.stopGrace(), spec.maxLogBytes())),
                bad("command[1]", spec -> new InstanceSpec("web", List.of("java", "a\0b"), spec.environment(), spec.workingDirectory(),
                        spec.healthPath(), spec.readyTimeout(), spec.stopGrace(), spec.maxLogBytes())),
                bad("environment.PORT", spec -> spec.withEnvironment(Map.of("PORT", "80"))),
                bad("environment", spec -> spec.withEnvironment(Map.of("A=B", "c"))),
                bad("environment", spec -> spec.withEnvironment(Map.of("1A", "c"))),
                bad("environment.A", spec -> spec.withEnvironment(Map.of("A", "x\0y"))),
                bad("environment.A", spec -> spec.withEnvironment(nullValue)),
                bad("workingDirectory", spec -> new InstanceSpec("web", spec.command(), spec.environment(), folder.resolve("absent"),
                        spec.healthPath(), spec.readyTimeout(), spec.stopGrace(), spec.maxLogBytes())),
                bad("healthPath", spec -> spec.withHealthPath("healthz")),
                bad("healthPath", spec -> spec.withHealthPath("/health z")),
                bad("healthPath", spec -> spec.withHealthPath("/health\r\nHost: evil")),
                bad("readyTimeout", spec -> spec.withReadyTimeout(Duration.ZERO)),
                bad("stopGrace", spec -> spec.withStopGrace(Duration.ofSeconds(-1))),
                bad("maxLogBytes", spec -> spec.withMaxLogBytes(10)));
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void badSpecsNameTheField(String field, UnaryOperator<InstanceSpec> change) {
        InstanceSpec valid = InstanceSpec.of("web", List.of("java", "App.java"), folder);

        InvalidFieldException error = assertThrows(InvalidFieldException.class, () -> change.apply(valid));

        assertEquals(field, error.field(), error.getMessage());
    }

    private static Arguments bad(String field, UnaryOperator<InstanceSpec> change) {
        return Arguments.of(field, change);
    }
}
