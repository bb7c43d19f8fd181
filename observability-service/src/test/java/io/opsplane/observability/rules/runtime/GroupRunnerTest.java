package io.opsplane.observability.rules.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.metrics.MetricsStoreException;
import io.opsplane.observability.rules.RuleFileParser;
import io.opsplane.observability.rules.RuleGroup;
import io.opsplane.observability.rules.Sample;
import io.opsplane.observability.rules.StaleSeries;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.ResultType;
import io.opsplane.proto.observability.v1.Series;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One group evaluated slot by slot with a store that answers, fails and recovers. */
class GroupRunnerTest {

    private static final String FILE = """
            groups:
              - name: g
                interval: 1s
                rules:
                  - record: job:x:sum
                    expr: sum(x)
                  - alert: High
                    expr: x > 5
                    for: 2s
                    labels:
                      severity: page
                    annotations:
                      summary: "{{ $labels.job }} at {{ $value }}"
            """;

    private final List<RemoteWriteBody.Series> written = new ArrayList<>();
    private final List<io.opsplane.observability.alerting.alert.Alert> sent = new ArrayList<>();
    private final GroupRunner.Output output = new GroupRunner.Output() {
        @Override
        public void write(List<RemoteWriteBody.Series> series) {
            written.addAll(series);
        }

        @Override
        public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
            sent.addAll(alerts);
        }
    };

    private double value = 1;
    private boolean storeDown;

    private List<Sample> query(String expr, Instant at) {
        if (storeDown) {
            throw new MetricsStoreException(MetricsStoreException.Kind.UNAVAILABLE, "the metrics store does not answer");
        }
        return expr.equals("sum(x)") ? List.of(Sample.of(Map.of(), value))
                : value > 5 ? List.of(Sample.of(Map.of("__name__", "x", "job", "api"), value)) : List.of();
    }

    @Test
    void alertsGoPendingFiringResolvedAndTheStoreGoingDownIsAnErrorThatPasses() {
        RuleGroup group = RuleFileParser.parse("team", FILE).get(0);
        GroupRunner runner = new GroupRunner("team", 3, group, Map.of("cluster", "c1"), "http://store:9490",
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Instant t0 = runner.schedule().slotAfter(Instant.parse("2026-01-01T00:00:00Z"));

        GroupStatus first = runner.evaluate(t0, this::query, output, clock);
        assertEquals(List.of("ok", "ok"), first.rules().stream().map(RuleHealth::health).toList());
        assertEquals(Map.of("__name__", "job:x:sum"), written.get(0).labels());
        assertEquals(List.of(new RemoteWriteBody.Sample(t0.toEpochMilli(), 1)), written.get(0).samples());
        assertTrue(sent.isEmpty());

        value = 10;
        runner.evaluate(t0.plusSeconds(1), this::query, output, clock);
        assertTrue(sent.isEmpty(), "pending is not sent");
        assertTrue(written.stream().anyMatch(s -> "pending".equals(s.labels().get("alertstate"))));
        runner.evaluate(t0.plusSeconds(2), this::query, output, clock);
        assertTrue(sent.isEmpty());
        runner.evaluate(t0.plusSeconds(3), this::query, output, clock);
        assertEquals(1, sent.size());
        io.opsplane.observability.alerting.alert.Alert firing = sent.get(0);
        assertEquals(Map.of("alertname", "High", "cluster", "c1", "job", "api", "severity", "page"), firing.labels());
        assertEquals("api at 10", firing.annotations().get("summary"));
        assertEquals(t0.plusSeconds(3), firing.startsAt());
        assertEquals(Optional.of(t0.plusSeconds(3).plus(Duration.ofMinutes(4))), firing.endsAt());
        assertEquals("http://store:9490/graph?g0.expr=x+%3E+5&g0.tab=1", firing.generatorUrl());

        // The store goes down: both rules report it, nothing is written or sent, and the alert keeps its state.
        storeDown = true;
        int writes = written.size();
        GroupStatus down = runner.evaluate(t0.plusSeconds(4), this::query, output, clock);
        assertEquals(List.of("err", "err"), down.rules().stream().map(RuleHealth::health).toList());
        assertEquals("the metrics store does not answer", down.rules().get(1).lastError());
        assertEquals(writes, written.size());
        assertEquals(1, sent.size());

        // Back, and below the threshold: healthy again, the alert resolves and the resolution is sent.
        storeDown = false;
        value = 1;
        GroupStatus back = runner.evaluate(t0.plusSeconds(5), this::query, output, clock);
        assertEquals(List.of("ok", "ok"), back.rules().stream().map(RuleHealth::health).toList());
        assertEquals("", back.rules().get(1).lastError());
        assertEquals(2, sent.size());
        assertEquals(Optional.of(t0.plusSeconds(5)), sent.get(1).endsAt());
        assertTrue(written.stream().anyMatch(s -> "firing".equals(s.labels().get("alertstate"))
                && StaleSeries.isStaleMarker(s.samples().get(0).value())), "the firing series is marked stale");
    }

    @Test
    void seriesAreWrittenInBatchesYetARuleReadingAnEarlierRulesResultSeesIt() {
        RuleGroup group = RuleFileParser.parse("team", """
                groups:
                  - name: g
                    interval: 1s
                    rules:
                      - record: a:sum
                        expr: sum(a)
                      - record: b:sum
                        expr: sum(b)
                      - alert: AHigh
                        expr: a > 0
                      - alert: FromRecorded
                        expr: a:sum > 0
                      - record: c:sum
                        expr: sum(c)
                      - alert: ByRegex
                        expr: '{__name__=~"c.*"} > 0'
                """).get(0);
        GroupRunner runner = new GroupRunner("team", 1, group, Map.of(), "http://store:9490", Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        List<List<String>> batches = new ArrayList<>();
        List<String> seenByReaders = new ArrayList<>();
        GroupRunner.Output batching = new GroupRunner.Output() {
            @Override
            public void write(List<RemoteWriteBody.Series> series) {
                batches.add(series.stream().map(s -> s.labels().get("__name__")).toList());
            }

            @Override
            public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
            }
        };
        Instant t0 = runner.schedule().slotAfter(Instant.parse("2026-01-01T00:00:00Z"));
        runner.evaluate(t0, (expr, at) -> {
            if (expr.startsWith("a:sum") || expr.startsWith("{__name__")) {
                seenByReaders.add(expr + " after " + batches.size() + " batches");
            }
            return List.of(Sample.of(expr.startsWith("a >") ? Map.of("__name__", "a") : Map.of(), 1));
        }, batching, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        // a:sum is written before FromRecorded reads it, c:sum before the name-less selector; the rest goes last.
        assertEquals(List.of(List.of("a:sum", "b:sum", "ALERTS", "ALERTS_FOR_STATE"),
                List.of("ALERTS", "ALERTS_FOR_STATE", "c:sum"), List.of("ALERTS", "ALERTS_FOR_STATE")), batches);
        assertEquals(List.of("a:sum > 0 after 1 batches", "{__name__=~\"c.*\"} > 0 after 2 batches"), seenByReaders);
    }

    @Test
    void aBatchTheStoreRefusesMarksEveryRuleInItAsFailed() {
        RuleGroup group = RuleFileParser.parse("team", FILE).get(0);
        GroupRunner runner = new GroupRunner("team", 3, group, Map.of(), "http://store:9490", Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        GroupRunner.Output refusing = new GroupRunner.Output() {
            @Override
            public void write(List<RemoteWriteBody.Series> series) {
                throw new MetricsStoreException(MetricsStoreException.Kind.BAD_DATA, "out of order sample");
            }

            @Override
            public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
            }
        };
        value = 10;
        GroupStatus status = runner.evaluate(runner.schedule().slotAfter(Instant.parse("2026-01-01T00:00:00Z")),
                this::query, refusing, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        assertEquals(List.of("err", "err"), status.rules().stream().map(RuleHealth::health).toList());
        assertEquals("out of order sample", status.rules().get(0).lastError());
    }

    @Test
    void theGeneratorUrlLinksTheQueryAsPrometheusPrintsItNotAsTheFileSpellsIt() {
        RuleGroup group = RuleFileParser.parse("team", """
                groups:
                  - name: g
                    interval: 1s
                    rules:
                      - alert: Low
                        expr: |
                          sum(x{job='api'}) by (job)
                            < 1e9
                """).get(0);
        GroupRunner runner = new GroupRunner("team", 3, group, Map.of(), "http://store:9490", Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Instant t0 = runner.schedule().slotAfter(Instant.parse("2026-01-01T00:00:00Z"));
        runner.evaluate(t0, (expr, at) -> List.of(Sample.of(Map.of("job", "api"), 1)), output, clock);
        assertEquals(1, sent.size());
        // Prometheus 2.42 prints "sum by (job) (x{job=\"api\"}) < 1e+09".
        assertEquals("http://store:9490/graph?g0.expr=sum+by+%28job%29+%28x%7Bjob%3D%22api%22%7D%29+%3C+1e%2B09"
                + "&g0.tab=1", sent.get(0).generatorUrl());
    }

    @Test
    void aWriteTheStoreRefusesIsTheRulesError() {
        RuleGroup group = RuleFileParser.parse("team", FILE).get(0);
        GroupRunner runner = new GroupRunner("team", 1, group, Map.of(), "http://s", Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        GroupRunner.Output refusing = new GroupRunner.Output() {
            @Override
            public void write(List<RemoteWriteBody.Series> series) {
                if (!series.isEmpty()) {
                    throw new MetricsStoreException(MetricsStoreException.Kind.BAD_DATA, "out of order sample");
                }
            }

            @Override
            public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
            }
        };
        GroupStatus status = runner.evaluate(Instant.parse("2026-01-01T00:00:00Z"), this::query, refusing,
                Clock.systemUTC());
        assertEquals("err", status.rules().get(0).health());
        assertEquals("out of order sample", status.rules().get(0).lastError());
        assertEquals("ok", status.rules().get(1).health(), "no alert, nothing to write");
    }

    @Test
    void alertsTheAlertManagerDidNotTakeAreHandedOverAtTheNextEvaluation() {
        RuleGroup group = RuleFileParser.parse("team", FILE).get(0);
        GroupRunner runner = new GroupRunner("team", 1, group, Map.of(), "http://s", Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        int[] refusals = {1};
        GroupRunner.Output flaky = new GroupRunner.Output() {
            @Override
            public void write(List<RemoteWriteBody.Series> series) {
            }

            @Override
            public void send(List<io.opsplane.observability.alerting.alert.Alert> alerts, Instant at) {
                if (refusals[0]-- > 0) {
                    throw new IllegalStateException("the alert manager could not store the change; try again");
                }
                sent.addAll(alerts);
            }
        };
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        Instant t0 = runner.schedule().slotAfter(Instant.parse("2026-01-01T00:00:00Z"));
        value = 10;
        runner.evaluate(t0, this::query, flaky, clock);
        runner.evaluate(t0.plusSeconds(1), this::query, flaky, clock);
        // Fires (for: 2s), and the hand-over fails.
        GroupStatus refused = runner.evaluate(t0.plusSeconds(2), this::query, flaky, clock);
        assertEquals("err", refused.rules().get(1).health());
        assertTrue(refused.rules().get(1).lastError().startsWith("sending alerts: "), refused.rules().get(1).lastError());
        assertTrue(sent.isEmpty());

        GroupStatus again = runner.evaluate(t0.plusSeconds(3), this::query, flaky, clock);
        assertEquals("ok", again.rules().get(1).health());
        assertEquals(1, sent.size(), "handed over at the next evaluation, not a resend delay later");
        assertEquals(t0.plusSeconds(2), sent.get(0).startsAt(), "the alert that fired when the hand-over failed");
    }

    @Test
    void scalarsAreOneSeriesWithoutLabelsAndGoEscapingMatchesGo() {
        QueryResult scalar = QueryResult.newBuilder().setResultType(ResultType.SCALAR)
                .setPoint(io.opsplane.proto.observability.v1.Sample.newBuilder().setValue(4)).build();
        assertEquals(List.of(Sample.of(Map.of(), 4)), InstantQueries.samples(scalar));
        QueryResult vector = QueryResult.newBuilder().setResultType(ResultType.VECTOR).addSeries(Series.newBuilder()
                .putLabels("a", "b").addSamples(io.opsplane.proto.observability.v1.Sample.newBuilder().setValue(2))).build();
        assertEquals(List.of(Sample.of(Map.of("a", "b"), 2)), InstantQueries.samples(vector));
        assertEquals("rate%28x%5B5m%5D%29+%2A+2+~+%C3%A9", AlertConversion.queryEscape("rate(x[5m]) * 2 ~ é"));
    }
}
