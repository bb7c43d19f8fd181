package io.opsplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How many alerting rules at a 1 s group interval one observability-service keeps up with. For each size N: rule
 * files with N rules in groups of {@code --rules-per-group} are put through the gateway, a warm-up passes, then
 * for {@code --rule-seconds} the rules API ({@code /prometheus/api/v1/rules}) is read every few seconds for each
 * group's evaluation time and how far its last evaluation lags; at the end the store is asked how many
 * evaluations each group made in the window: every group evaluates a recording rule first, so
 * {@code count_over_time(bench:up:count[W])} is its number of evaluations. A window of W whole seconds holds W
 * slots of a 1 s group (W + 1 when a slot falls on both ends); fewer samples are missed slots. N keeps up when no
 * group missed a slot. The files are deleted before the next size; the sizes stop at the first that falls behind.
 */
final class RuleCapacityBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLL_SECONDS = 5;

    private final BenchHttp http;
    private final ObservabilityBench.Settings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    RuleCapacityBench(BenchHttp http, ObservabilityBench.Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    void run() throws Exception {
        Integer largest = null;
        boolean fellBehind = false;
        List<String> tried = new ArrayList<>();
        for (int size : settings.ruleSizes()) {
            tried.add(Integer.toString(size));
            if (measure(size)) {
                largest = size;
            } else {
                fellBehind = true;
                break;
            }
        }
        String verdict = largest == null ? "**none** of the sizes tried"
                : String.format(Locale.ROOT, fellBehind ? "**%,d rules**" : "**at least %,d rules** (every size tried "
                        + "kept up)", largest);
        ObservabilityBench.row("rule evaluation: the most rules one observability-service keeps at a 1 s interval",
                verdict + " (tried " + String.join(", ", tried) + "; target ≥ 1,000)");
    }

    /** One size; whether every group kept its interval. */
    private boolean measure(int total) throws Exception {
        int size = Math.min(settings.rulesPerGroup(), total);
        List<String[]> files = RuleFiles.files(run, total, size);
        int groups = Math.max(1, total / size);
        try {
            for (String[] file : files) {
                http.put(settings.gateway() + "/api/v1/rules/" + file[0], "application/yaml", file[1]);
            }
            Thread.sleep(settings.ruleWarmUpSeconds() * 1000L);
            long windowStart = System.currentTimeMillis();
            long windowEnd = windowStart + settings.ruleSeconds() * 1000L;
            List<Double> evaluationMillis = new ArrayList<>();
            double worstLagSeconds = 0;
            int errors = 0;
            String firstError = null;
            int seenGroups = 0;
            int neverEvaluated = 0;
            while (System.currentTimeMillis() < windowEnd) {
                Thread.sleep(Math.min(POLL_SECONDS * 1000L, Math.max(1, windowEnd - System.currentTimeMillis())));
                long polled = System.currentTimeMillis();
                JsonNode answer = JSON.readTree(http.get(settings.gateway() + "/prometheus/api/v1/rules", true));
                seenGroups = 0;
                neverEvaluated = 0;
                errors = 0;
                for (JsonNode group : answer.path("data").path("groups")) {
                    if (!group.path("name").asText().startsWith("n" + total + "-")) {
                        continue;
                    }
                    seenGroups++;
                    evaluationMillis.add(group.path("evaluationTime").asDouble() * 1000);
                    Instant last = Instant.parse(group.path("lastEvaluation").asText());
                    if (last.getEpochSecond() <= 0) {
                        neverEvaluated++;
                        continue;
                    }
                    worstLagSeconds = Math.max(worstLagSeconds, (polled - last.toEpochMilli()) / 1000.0);
                    for (JsonNode rule : group.path("rules")) {
                        if ("err".equals(rule.path("health").asText())) {
                            errors++;
                            firstError = firstError != null ? firstError : rule.path("name").asText() + ": "
                                    + rule.path("lastError").asText();
                        }
                    }
                }
            }
            // The last slots of the window are written within a second; then count each group's samples in it.
            Thread.sleep(Math.max(0, windowEnd + 2_000 - System.currentTimeMillis()));
            Map<String, Integer> evaluations = evaluationsPerGroup(total, windowEnd);
            int missedGroups = 0;
            long missedSlots = 0;
            for (int g = 0; g < groups; g++) {
                int count = evaluations.getOrDefault(RuleFiles.groupName(total, g), 0);
                if (count < settings.ruleSeconds()) {
                    missedGroups++;
                    missedSlots += settings.ruleSeconds() - count;
                }
            }
            evaluationMillis.sort(null);
            boolean keptUp = missedGroups == 0;
            ObservabilityBench.row(String.format(Locale.ROOT, "rule evaluation: %,d rules, %d group%s of %d (1 recording + "
                    + "%d alerting each), 1 s interval, %d s", groups * size, groups, groups == 1 ? "" : "s", size, size - 1,
                    settings.ruleSeconds()), String.format(Locale.ROOT, "%s; group evaluation time p50 %.1f ms, p99 %.1f ms, "
                    + "max %.1f ms; last evaluation at most %.1f s old when read; %d of %d groups in the rules API, %d "
                    + "not evaluated yet; %d rules in error%s", keptUp ? "**kept up**: every group evaluated at every slot"
                    : String.format(Locale.ROOT, "**fell behind**: %d of %d groups missed %,d of %,d slots", missedGroups,
                            groups, missedSlots, (long) groups * settings.ruleSeconds()),
                    quantile(evaluationMillis, 0.5), quantile(evaluationMillis, 0.99), quantile(evaluationMillis, 1.0),
                    worstLagSeconds, seenGroups, groups, neverEvaluated, errors, firstError == null ? "" : " (first: " + firstError + ")"));
            return keptUp;
        } finally {
            for (String[] file : files) {
                try {
                    http.delete(settings.gateway() + "/api/v1/rules/" + file[0]);
                } catch (RuntimeException e) {
                    System.err.println("could not delete rule namespace " + file[0] + ": " + e.getMessage());
                }
            }
            // Groups stop at the evaluators' next sync (every second).
            Thread.sleep(3_000);
        }
    }

    /** {@code count_over_time} of each group's record over the window, asked of the store directly. */
    private Map<String, Integer> evaluationsPerGroup(int total, long windowEnd) throws Exception {
        String query = "count_over_time(" + RuleFiles.RECORD + "{bench_run=\"" + run + "\",bench_group=~\"n" + total
                + "-.*\"}[" + settings.ruleSeconds() + "s])";
        String time = String.format(Locale.ROOT, "%.3f", windowEnd / 1000.0);
        JsonNode answer = JSON.readTree(http.get(settings.prometheus() + "/api/v1/query?query=" + BenchHttp.encode(query)
                + "&time=" + time, false));
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode series : answer.path("data").path("result")) {
            counts.put(series.path("metric").path("bench_group").asText(), series.path("value").path(1).asInt());
        }
        return counts;
    }

    private static double quantile(List<Double> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }
}
