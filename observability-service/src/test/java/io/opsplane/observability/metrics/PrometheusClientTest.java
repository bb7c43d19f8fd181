package io.opsplane.observability.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.metrics.MetricsStoreException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The client's own checks, which answer before the store is asked (so no store runs here: port 1). */
class PrometheusClientTest {

    private static final PrometheusClient CLIENT = new PrometheusClient("http://127.0.0.1:1/", Duration.ofSeconds(30),
            1000, Duration.ofMillis(500));
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.1:9490|http://127.0.0.1:9490",
            "http://127.0.0.1:9490/|http://127.0.0.1:9490",
            "https://vm.example.com/select/0/prometheus/|https://vm.example.com/select/0/prometheus",
            "  http://prometheus:9490  |http://prometheus:9490"})
    void theBaseUrlIsOneSetting(String url, String base) {
        assertEquals(base, PrometheusClient.baseUri(url).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|the metrics store URL is empty",
            "ftp://host|must be http or https",
            "file:///etc/passwd|must be http or https",
            "127.0.0.1:9490|is not a URL",
            "http://user:pw@host|without credentials, query or fragment",
            "http://host/?a=b|without credentials, query or fragment",
            "http://host/#x|without credentials, query or fragment",
            "http:///path|without credentials, query or fragment",
            "http://ho st|is not a URL"})
    void badBaseUrlsAreRefused(String url, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PrometheusClient.baseUri(url));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void limitsMustBeLimits() {
        assertThrows(IllegalArgumentException.class,
                () -> new PrometheusClient("http://h", Duration.ZERO, 1, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new PrometheusClient("http://h", Duration.ofSeconds(1), 0, Duration.ofSeconds(1)));
    }

    @Test
    void theTimeoutIsAtMostTheLimit() {
        assertEquals(Duration.ofSeconds(30), CLIENT.timeout(null));
        assertEquals(Duration.ofSeconds(30), CLIENT.timeout(Duration.ZERO));
        assertEquals(Duration.ofMillis(1500), CLIENT.timeout(Duration.ofMillis(1500)));
        assertEquals(Duration.ofSeconds(30), CLIENT.timeout(Duration.ofHours(2)));
        assertEquals(Kind.BAD_DATA, assertThrows(MetricsStoreException.class,
                () -> CLIENT.timeout(Duration.ofSeconds(-1))).kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-01-01T00:00:00Z|1767225600",
            "2026-01-01T00:00:00.120Z|1767225600.12",
            "2026-01-01T00:00:00.001Z|1767225600.001",
            "1970-01-01T00:00:00Z|0"})
    void timesAreSecondsWithMilliseconds(String time, String seconds) {
        assertEquals(seconds, PrometheusClient.seconds(Instant.parse(time)));
    }

    @Test
    void durationsAreSeconds() {
        assertEquals("15", PrometheusClient.seconds(Duration.ofSeconds(15)));
        assertEquals("0.25", PrometheusClient.seconds(Duration.ofMillis(250)));
    }

    static Stream<Arguments> refusedRequests() {
        String longQuery = "x".repeat(PrometheusClient.MAX_QUERY_LENGTH + 1);
        List<String> tooManySelectors = Collections.nCopies(PrometheusClient.MAX_MATCHERS + 1, "up");
        return Stream.of(
                Arguments.of("empty query", (Runnable) () -> CLIENT.query("", null, null), "query is empty"),
                Arguments.of("blank query", (Runnable) () -> CLIENT.query(" \n", null, null), "query is empty"),
                Arguments.of("null query", (Runnable) () -> CLIENT.query(null, null, null), "query is empty"),
                Arguments.of("long query", (Runnable) () -> CLIENT.query(longQuery, null, null), "longer than 65536"),
                Arguments.of("negative timeout", (Runnable) () -> CLIENT.query("up", null, Duration.ofSeconds(-5)),
                        "timeout must not be negative"),
                Arguments.of("range without start", (Runnable) () -> CLIENT.queryRange("up", null, T,
                        Duration.ofSeconds(1), null), "start and end are required"),
                Arguments.of("range backwards", (Runnable) () -> CLIENT.queryRange("up", T.plusSeconds(1), T,
                        Duration.ofSeconds(1), null), "is before start"),
                Arguments.of("range zero step", (Runnable) () -> CLIENT.queryRange("up", T, T, Duration.ZERO, null),
                        "step must be more than zero"),
                Arguments.of("range no step", (Runnable) () -> CLIENT.queryRange("up", T, T, null, null),
                        "step must be more than zero"),
                Arguments.of("series without selector", (Runnable) () -> CLIENT.series(List.of(), null, null),
                        "at least one series selector"),
                Arguments.of("series blank selector", (Runnable) () -> CLIENT.series(List.of(" "), null, null),
                        "a series selector (match[]) is empty"),
                Arguments.of("too many selectors", (Runnable) () -> CLIENT.labels(tooManySelectors, null, null),
                        "at most 100 series selectors"),
                Arguments.of("labels backwards", (Runnable) () -> CLIENT.labels(List.of(), T, T.minusMillis(1)),
                        "is before start"),
                Arguments.of("label name with dash", (Runnable) () -> CLIENT.labelValues("a-b", List.of(), null, null),
                        "'a-b' is not a label name"),
                Arguments.of("label name with path", (Runnable) () -> CLIENT.labelValues("../../-/quit", List.of(),
                        null, null), "is not a label name"),
                Arguments.of("label name with NUL", (Runnable) () -> CLIENT.labelValues("a\u0000", List.of(), null,
                        null), "'a\\u0000' is not a label name"),
                Arguments.of("empty label name", (Runnable) () -> CLIENT.labelValues("", List.of(), null, null),
                        "is not a label name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void badRequestsAreRefusedBeforeTheStoreIsAsked(String name, Runnable call, String message) {
        MetricsStoreException e = assertThrows(MetricsStoreException.class, call::run);
        assertEquals(Kind.BAD_DATA, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aStoreThatDoesNotAnswerIsUnavailable() {
        MetricsStoreException e = assertThrows(MetricsStoreException.class, () -> CLIENT.query("up", null, null));
        assertEquals(Kind.UNAVAILABLE, e.kind());
        assertTrue(e.getMessage().startsWith("the metrics store at http://127.0.0.1:1 is unavailable (query: "),
                e.getMessage());
    }

    @Test
    void formsAreUrlEncoded() {
        assertEquals("query=sum+by+%28job%29+%28rate%28x%7Ba%3D%22%26%22%7D%5B1m%5D%29%29&match%5B%5D=%E2%82%AC",
                new PrometheusClient.Form().add("query", "sum by (job) (rate(x{a=\"&\"}[1m]))")
                        .add("match[]", "\u20ac").toString());
    }

}
