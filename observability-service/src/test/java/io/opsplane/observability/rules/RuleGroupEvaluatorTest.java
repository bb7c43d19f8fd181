package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleGroupEvaluatorTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final String FILE = """
            groups:
            - name: targets
              rules:
              - record: job:up:sum
                expr: sum by (job) (up)
              - alert: NoTargets
                expr: job:up:sum == 0
                labels:
                  severity: page
            """;

    /** A stand-in TSDB: up per job is given, job:up:sum is whatever the group wrote last. */
    private static final class FakeTsdb implements RuleGroupEvaluator.InstantQuery {
        final Map<String, Double> upByJob = new HashMap<>();
        final Map<String, Double> recorded = new HashMap<>();
        boolean failRecording;

        @Override
        public List<Sample> query(String expr, Instant at) {
            List<Sample> out = new ArrayList<>();
            if (expr.equals("sum by (job) (up)")) {
                if (failRecording) {
                    throw new IllegalStateException("query timed out");
                }
                upByJob.forEach((job, value) -> out.add(Sample.of(Map.of("job", job), value)));
            } else {
                recorded.forEach((job, value) -> {
                    if (value == 0) {
                        out.add(Sample.of(Map.of("__name__", "job:up:sum", "job", job), value));
                    }
                });
            }
            return out;
        }

        void write(RuleGroupEvaluator.RuleResult result) {
            for (Sample sample : result.series()) {
                if ("job:up:sum".equals(sample.labels().get("__name__"))) {
                    recorded.put(sample.labels().get("job"), sample.value());
                }
            }
            for (Sample marker : result.staleMarkers()) {
                if ("job:up:sum".equals(marker.labels().get("__name__"))) {
                    recorded.remove(marker.labels().get("job"));
                }
            }
        }
    }

    private static RuleGroupEvaluator evaluator() {
        RuleGroup group = RuleFileParser.parse("targets.yml", FILE).get(0);
        return new RuleGroupEvaluator(group, Map.of(), "", Duration.ofMinutes(1), Duration.ofMinutes(1));
    }

    @Test
    void laterRulesSeeWhatEarlierRulesWroteInTheSameEvaluation() {
        FakeTsdb tsdb = new FakeTsdb();
        tsdb.upByJob.put("api", 0.0);
        List<RuleGroupEvaluator.RuleResult> results = new ArrayList<>();
        evaluator().evaluate(T0, tsdb, result -> {
            tsdb.write(result);
            results.add(result);
        });
        assertEquals(2, results.size());
        assertEquals(1, results.get(1).alertsToSend().size());
        assertEquals(Map.of("alertname", "NoTargets", "job", "api", "severity", "page"),
                results.get(1).alertsToSend().get(0).labels());
    }

    @Test
    void aFailedRuleWritesNothingAndKeepsItsSeriesUntilItSucceedsAgain() {
        FakeTsdb tsdb = new FakeTsdb();
        tsdb.upByJob.put("api", 1.0);
        tsdb.upByJob.put("db", 1.0);
        RuleGroupEvaluator evaluator = evaluator();
        evaluator.evaluate(T0, tsdb, tsdb::write);

        tsdb.failRecording = true;
        List<RuleGroupEvaluator.RuleResult> failed = new ArrayList<>();
        evaluator.evaluate(T0.plusSeconds(60), tsdb, failed::add);
        assertEquals("query timed out", failed.get(0).error());
        assertEquals(List.of(), failed.get(0).staleMarkers());
        assertNull(failed.get(1).error());

        tsdb.failRecording = false;
        tsdb.upByJob.remove("db");
        List<RuleGroupEvaluator.RuleResult> recovered = new ArrayList<>();
        evaluator.evaluate(T0.plusSeconds(120), tsdb, recovered::add);
        assertEquals(List.of(Map.of("__name__", "job:up:sum", "job", "db")),
                recovered.get(0).staleMarkers().stream().map(Sample::labels).toList());
    }

    @Test
    void alertsContinueInAnotherEvaluatorAfterExportAndRestore() {
        FakeTsdb tsdb = new FakeTsdb();
        tsdb.upByJob.put("api", 0.0);
        RuleGroupEvaluator first = evaluator();
        first.evaluate(T0, tsdb, tsdb::write);
        Map<String, List<Alert>> saved = first.exportAlerts();
        assertEquals(List.of("NoTargets{severity=page}"), List.copyOf(saved.keySet()));

        RuleGroupEvaluator second = evaluator();
        second.restoreAlerts(saved);
        List<RuleGroupEvaluator.RuleResult> results = new ArrayList<>();
        second.evaluate(T0.plusSeconds(30), tsdb, result -> {
            tsdb.write(result);
            results.add(result);
        });
        // Sent at T0 already; the resend delay of a minute has not passed.
        assertEquals(List.of(), results.get(1).alertsToSend());
        assertEquals(T0, second.exportAlerts().get("NoTargets{severity=page}").get(0).activeAt());
    }
}
