package io.opsplane.observability.rules.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.metrics.ActiveTarget;
import io.opsplane.observability.rules.RuleFileParser;
import io.opsplane.observability.rules.Sample;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScrapeAlignedOffsetsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            up == 0                                                     | group by (job, instance) ({__name__="up"})
            rate(http_requests_total{code=~"5.."}[5m] offset 1m) > 1     | group by (job, instance) ({code=~"5..",__name__="http_requests_total"})
            a{x!="q\\""} / on(job) b{y!~"z"}                            | group by (job, instance) ({x!="q\\"",__name__="a"} or {y!~"z",__name__="b"})
            a + a                                                       | group by (job, instance) ({__name__="a"})
            vector(1)                                                   |
            """)
    void theTargetsAGroupReadsAreAskedForWithItsSelectors(String expr, String expected) {
        String file = "groups:\n  - name: g\n    rules:\n      - record: r\n        expr: '" + expr.replace("'", "''") + "'\n";
        GroupRunner runner = runner(file);
        assertEquals(expected, ScrapeAlignedOffsets.dependencyQuery(runner.group()));
    }

    @Test
    void aGroupIsPlacedAfterTheScrapesOfTheTargetsItReadsAndOthersAreLeftAlone() {
        List<ActiveTarget> targets = List.of(
                target("api", "a:1", "2026-12-07T09:59:59.300Z", 5),
                target("api", "a:2", "2026-12-07T09:59:59.500Z", 5),
                target("db", "d:1", "2026-12-07T09:59:59.900Z", 20),
                new ActiveTarget(Map.of("job", "new", "instance", "n:1"), null, Duration.ZERO, Duration.ofSeconds(1)));
        List<String> asked = new ArrayList<>();
        ScrapeAlignedOffsets offsets = new ScrapeAlignedOffsets(() -> targets, (expr, at) -> {
            asked.add(expr);
            if (expr.contains("api_errors")) {
                return List.of(series("api", "a:1"), series("api", "a:2"), series("api", "gone:9"));
            }
            if (expr.contains("db_up")) {
                return List.of(series("db", "d:1"));
            }
            return List.of(Sample.of(Map.of(), 1)); // pushed data: no job, no instance
        }, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(25), Duration.ofSeconds(30));

        Map<String, GroupRunner> runners = Map.of(
                "ns/api", runner("groups:\n  - name: api\n    interval: 1s\n    rules:\n      - alert: A\n        expr: api_errors > 1\n"),
                "ns/db", runner("groups:\n  - name: db\n    interval: 1s\n    rules:\n      - alert: D\n        expr: db_up == 0\n"),
                "ns/pushed", runner("groups:\n  - name: pushed\n    interval: 1s\n    rules:\n      - alert: P\n        expr: pushed > 1\n"));
        Map<String, Duration> placed = offsets.offsets(runners);
        // api: visible at .305 and .505; the gap after .505 is the longer one; plus the 25 ms margin.
        assertEquals(Duration.ofMillis(530), placed.get("ns/api"));
        // db: visible at .920, plus the margin.
        assertEquals(Duration.ofMillis(945), placed.get("ns/db"));
        assertNull(placed.get("ns/pushed"));
        assertEquals(3, asked.size());

        // The targets a group reads are remembered: a second round asks again only for the group that read none.
        offsets.offsets(runners);
        assertEquals(4, asked.size());
        assertTrue(asked.get(3).contains("pushed"));
    }

    private static ActiveTarget target(String job, String instance, String lastScrape, long durationMs) {
        return new ActiveTarget(Map.of("job", job, "instance", instance), Instant.parse(lastScrape),
                Duration.ofMillis(durationMs), Duration.ofSeconds(1));
    }

    private static Sample series(String job, String instance) {
        return Sample.of(Map.of("job", job, "instance", instance), 1);
    }

    private static GroupRunner runner(String file) {
        return new GroupRunner("ns", 1, RuleFileParser.parse("ns", file).get(0), Map.of(), "http://store",
                Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
}
