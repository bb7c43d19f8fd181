package io.opsplane.observability.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.discovery.ScrapeTargets.TargetGroup;
import io.opsplane.platform.manifest.PlatformManifest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScrapeTargetsTest {

    private static final PlatformManifest MANIFEST = PlatformManifest.parse("""
            gateway                8080  -     -              -              security
            security-service       8086  9086  security       security       security
            observability-service  8084  9084  observability  observability  security
            """);

    private static List<TargetGroup> targets(String host, int offset, int runners, int runnerPort) {
        return ScrapeTargets.of(MANIFEST.components(), host, offset, runners, runnerPort);
    }

    private static List<String> addresses(List<TargetGroup> groups) {
        return groups.stream().flatMap(group -> group.targets().stream()).toList();
    }

    static Stream<Arguments> addressCases() {
        return Stream.of(
                Arguments.of("127.0.0.1", 0, 0, 8090,
                        List.of("127.0.0.1:8080", "127.0.0.1:8086", "127.0.0.1:8084")),
                Arguments.of("127.0.0.1", 20000, 2, 8090, List.of("127.0.0.1:28080", "127.0.0.1:28086",
                        "127.0.0.1:28084", "127.0.0.1:28090", "127.0.0.1:28091")),
                Arguments.of("{component}", 0, 1, 8090, List.of("gateway:8080", "security-service:8086",
                        "observability-service:8084", "runner-1:8090")),
                Arguments.of("{component}.opsplane.svc", 0, 0, 8090, List.of("gateway.opsplane.svc:8080",
                        "security-service.opsplane.svc:8086", "observability-service.opsplane.svc:8084")),
                Arguments.of("[::1]", 0, 1, 9500, List.of("[::1]:8080", "[::1]:8086", "[::1]:8084", "[::1]:9500")),
                Arguments.of("metrics-host", 5, 3, 8090, List.of("metrics-host:8085", "metrics-host:8091",
                        "metrics-host:8089", "metrics-host:8095", "metrics-host:8096", "metrics-host:8097")));
    }

    @ParameterizedTest(name = "{0} offset {1}, {2} runners from {3}")
    @MethodSource("addressCases")
    void everyComponentAndRunnerIsOneTarget(String host, int offset, int runners, int runnerPort, List<String> expected) {
        assertEquals(expected, addresses(targets(host, offset, runners, runnerPort)));
    }

    @Test
    void labelsNameTheComponentAndItsMetricsPath() {
        List<TargetGroup> groups = targets("127.0.0.1", 0, 2, 8090);
        assertEquals(Map.of("__metrics_path__", "/q/metrics", "job", "gateway", "service", "gateway",
                "component", "gateway"), groups.get(0).labels());
        assertEquals(Map.of("__metrics_path__", "/q/metrics", "job", "observability-service",
                "service", "observability-service", "component", "observability-service"), groups.get(2).labels());
        assertEquals(Map.of("__metrics_path__", "/q/metrics", "job", "runner", "service", "runner",
                "component", "runner-2"), groups.get(4).labels());
    }

    @Test
    void theRealManifestGivesTheSevenServices() {
        List<TargetGroup> groups = ScrapeTargets.of(PlatformManifest.load().components(), "127.0.0.1", 0, 0, 8090);
        assertEquals(7, groups.size());
        assertEquals(List.of("gateway", "security-service", "pipeline-service", "infra-service", "deploy-service",
                "observability-service", "healing-service"),
                groups.stream().map(group -> group.labels().get("service")).toList());
    }

    static Stream<Arguments> refusedCases() {
        return Stream.of(
                Arguments.of("", 0, 0, 8090, "the discovery host is empty"),
                Arguments.of("  ", 0, 0, 8090, "the discovery host is empty"),
                Arguments.of("http://127.0.0.1", 0, 0, 8090, "is not a host name"),
                Arguments.of("host:8080", 0, 0, 8090, "is not a host name"),
                Arguments.of("host/path", 0, 0, 8090, "is not a host name"),
                Arguments.of("{other}", 0, 0, 8090, "is not a host name"),
                Arguments.of("-leading", 0, 0, 8090, "is not a host name"),
                Arguments.of("a b", 0, 0, 8090, "is not a host name"),
                Arguments.of("host\u0000", 0, 0, 8090, "'host\\u0000' is not a host name"),
                Arguments.of("x".repeat(300), 0, 0, 8090, "is not a host name"),
                Arguments.of("127.0.0.1", -1, 0, 8090, "the port offset must be between 0 and 65535, not -1"),
                Arguments.of("127.0.0.1", 60000, 0, 8090, "the HTTP port of gateway (8080 + offset 60000)"),
                Arguments.of("127.0.0.1", 0, -1, 8090, "the number of runners must be between 0 and 1000, not -1"),
                Arguments.of("127.0.0.1", 0, 1001, 8090, "the number of runners must be between 0 and 1000"),
                Arguments.of("127.0.0.1", 0, 2, 65535, "the HTTP port of runner-2 (65536 + offset 0)"),
                Arguments.of("127.0.0.1", 0, 1, 0, "the HTTP port of runner-1 (0 + offset 0)"));
    }

    @ParameterizedTest(name = "{0} offset {1}, {2} runners from {3}")
    @MethodSource("refusedCases")
    void badSettingsAreRefusedByName(String host, int offset, int runners, int runnerPort, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> targets(host, offset, runners, runnerPort));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theDocumentIsPrometheusHttpServiceDiscovery() {
        assertEquals("[{\"targets\":[\"127.0.0.1:8080\"],\"labels\":{\"__metrics_path__\":\"/q/metrics\","
                + "\"job\":\"gateway\",\"service\":\"gateway\",\"component\":\"gateway\"}}]",
                DiscoveryDocument.json(ScrapeTargets.of(MANIFEST.components().subList(0, 1), "127.0.0.1", 0, 0, 8090)));
        assertEquals("[]", DiscoveryDocument.json(List.of()));
        assertEquals("[{\"targets\":[\"h:1\"],\"labels\":{\"quote\\\"\":\"back\\\\slash\\n\"}}]",
                DiscoveryDocument.json(List.of(new TargetGroup(List.of("h:1"), Map.of("quote\"", "back\\slash\n")))));
    }
}
