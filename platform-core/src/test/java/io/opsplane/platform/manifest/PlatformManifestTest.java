package io.opsplane.platform.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.manifest.PlatformManifest.Component;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlatformManifestTest {

    private static final String GOOD = """
            # name     http  grpc  database  domain    consumes
            gateway    8080  -     -         -         security

            security   8086  9086  security  security  -       # trailing comment
            \tpipeline 8081 9081 pipeline pipeline pipeline,security
            """;

    @Test
    void aGoodManifestListsItsComponentsInOrder() {
        PlatformManifest manifest = PlatformManifest.parse(GOOD);
        assertEquals(List.of(
                new Component("gateway", 8080, OptionalInt.empty(), Optional.empty(), Optional.empty(), List.of("security")),
                new Component("security", 8086, OptionalInt.of(9086), Optional.of("security"), Optional.of("security"),
                        List.of()),
                new Component("pipeline", 8081, OptionalInt.of(9081), Optional.of("pipeline"), Optional.of("pipeline"),
                        List.of("pipeline", "security"))),
                manifest.components());
        assertEquals(List.of("security", "pipeline"), manifest.databases());
        assertEquals(List.of("opsplane_e2e_security", "opsplane_e2e_pipeline"), manifest.databaseNames("opsplane_e2e"));
        assertEquals(List.of("security", "pipeline"), manifest.domains());
        Component pipeline = manifest.component("pipeline").orElseThrow();
        assertEquals(Optional.of("opsplane.pipeline.events"), pipeline.eventsTopic());
        assertEquals(Optional.of("opsplane.pipeline.dead-letter"), pipeline.deadLetterTopic());
        assertEquals(Optional.empty(), manifest.component("gateway").orElseThrow().eventsTopic());
    }

    @Test
    void windowsLineEndingsAreLineBreaks() {
        assertEquals(3, PlatformManifest.parse(GOOD.replace("\n", "\r\n")).components().size());
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("bad http port",
                        "a 80x - - - -\n",
                        "platform.manifest line 1: http port '80x' is not a number from 1 to 65535"),
                Arguments.of("http port out of range",
                        "# comment\na 70000 - - - -\n",
                        "platform.manifest line 2: http port '70000' is not a number from 1 to 65535"),
                Arguments.of("bad grpc port",
                        "a 8080 0 - - -\n",
                        "platform.manifest line 1: grpc port '0' is not a number from 1 to 65535 or -"),
                Arguments.of("signed port",
                        "a +8080 - - - -\n",
                        "platform.manifest line 1: http port '+8080' is not a number from 1 to 65535"),
                Arguments.of("duplicate name",
                        "a 8080 - - - -\n\nb 8081 - - - -\na 8082 - - - -\n",
                        "platform.manifest line 4: duplicate component 'a' (first on line 1)"),
                Arguments.of("duplicate port",
                        "a 8080 9080 - - -\nb 9080 - - - -\n",
                        "platform.manifest line 2: port 9080 of b http is already the a grpc port"),
                Arguments.of("duplicate database",
                        "a 8080 - x - -\nb 8081 - x - -\n",
                        "platform.manifest line 2: duplicate database 'x' (first on line 1)"),
                Arguments.of("duplicate domain",
                        "a 8080 - - x -\nb 8081 - - x -\n",
                        "platform.manifest line 2: duplicate domain 'x' (first on line 1)"),
                Arguments.of("unknown consumed domain",
                        "a 8080 - - - x,nope\nb 8081 - - x -\n",
                        "platform.manifest line 1: consumes unknown domain 'nope' (no component owns it; domains: x)"),
                Arguments.of("malformed consumes list",
                        "a 8080 - - x x,\n",
                        "platform.manifest line 1: consumes 'x,' must be a comma-separated list of domains"
                                + " (lower-case letters and digits)"),
                Arguments.of("too few columns",
                        "a 8080 - - -\n",
                        "platform.manifest line 1: expected 6 columns (name http grpc database domain consumes), found 5"),
                Arguments.of("too many columns",
                        "# header\n\na 8080 - - - - extra\n",
                        "platform.manifest line 3: expected 6 columns (name http grpc database domain consumes), found 7"),
                Arguments.of("bad name",
                        "A 8080 - - - -\n",
                        "platform.manifest line 1: name 'A' must be lower-case letters, digits and -, starting with a letter"),
                Arguments.of("bad database",
                        "a 8080 - my-db - -\n",
                        "platform.manifest line 1: database 'my-db' must be lower-case letters and digits (and _),"
                                + " starting with a letter, or -"),
                Arguments.of("no component",
                        "# nothing\n\n",
                        "platform.manifest names no component"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void aBadManifestIsRefusedNamingTheLine(String what, String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlatformManifest.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theBuildPackagesTheManifest() {
        PlatformManifest manifest = PlatformManifest.load();
        assertTrue(manifest.component("gateway").isPresent(), manifest.toString());
    }
}
