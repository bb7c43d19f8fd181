package io.opsplane.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prometheus rule files for the rule-evaluation benchmark. Each group has a 1 s interval and starts with a
 * recording rule, {@code bench:up:count} labelled with the group, whose samples (one per evaluation, at the
 * slot's time) count the group's evaluations in the store. The other rules alert on the series every platform
 * component exposes and the store scrapes ({@code up}, HTTP server requests, JVM memory and GC, CPU), with
 * thresholds that vary by rule and {@code for} clauses that keep them from firing during a run.
 */
final class RuleFiles {

    static final String RECORD = "bench:up:count";
    /** At most this many rules per file, well below the gateway's 1 MiB body limit. */
    static final int RULES_PER_FILE = 500;

    private static final String[] ALERTS = {
        "up == 0|for: 5m|TargetDown",
        "sum by (service) (rate(http_server_requests_seconds_count{status=~\"5..\"}[1m])) > %d|for: 2m|HighErrorRate",
        "sum by (service) (rate(http_server_requests_seconds_count[1m])) > %d000|for: 5m|HighRequestRate",
        "sum by (service) (jvm_memory_used_bytes{area=\"heap\"}) / sum by (service) (jvm_memory_max_bytes{area=\"heap\"})"
            + " > 0.9%d|for: 10m|HeapAlmostFull",
        "avg by (service) (process_cpu_usage) > 0.9%d|for: 10m|CpuSaturated",
        "sum by (service) (increase(jvm_gc_pause_seconds_count[5m])) > 10%d|for: 5m|FrequentGc",
        "sum by (service) (rate(http_server_requests_seconds_sum[5m])) / sum by (service) "
            + "(rate(http_server_requests_seconds_count[5m])) > %d|for: 5m|SlowRequests",
        "absent(up{service=\"gateway\"})|for: 5m|GatewayAbsent",
    };

    private RuleFiles() {
    }

    /** One file's text, for groups {@code firstGroup..} of {@code size} rules each, the run's labels on the records. */
    static String file(String run, int total, int firstGroup, int groups, int size) {
        StringBuilder yaml = new StringBuilder("groups:\n");
        for (int g = firstGroup; g < firstGroup + groups; g++) {
            String group = groupName(total, g);
            yaml.append("  - name: ").append(group).append("\n    interval: 1s\n    rules:\n");
            yaml.append("      - record: ").append(RECORD).append("\n        expr: count(up)\n")
                    .append("        labels:\n          bench_run: \"").append(run).append("\"\n          bench_group: \"")
                    .append(group).append("\"\n");
            for (int r = 1; r < size; r++) {
                int n = g * size + r;
                String[] alert = ALERTS[n % ALERTS.length].split("\\|");
                yaml.append("      - alert: ").append(alert[2]).append(n).append("\n        expr: '")
                        .append(String.format(Locale.ROOT, alert[0], n % 9 + 1).replace("'", "''")).append("'\n")
                        .append("        ").append(alert[1]).append("\n        labels:\n          severity: ")
                        .append(n % 3 == 0 ? "critical" : "warning").append("\n        annotations:\n")
                        .append("          summary: '").append(alert[2]).append(" on {{ $labels.service }} ")
                        .append("({{ $value }})'\n");
            }
        }
        return yaml.toString();
    }

    /** The files for {@code total} rules in groups of {@code size}: namespace name → text. */
    static List<String[]> files(String run, int total, int size) {
        int groups = Math.max(1, total / size);
        int groupsPerFile = Math.max(1, RULES_PER_FILE / size);
        List<String[]> files = new ArrayList<>();
        for (int first = 0; first < groups; first += groupsPerFile) {
            int count = Math.min(groupsPerFile, groups - first);
            files.add(new String[] {"bench-rules-" + total + "-" + files.size(), file(run, total, first, count, size)});
        }
        return files;
    }

    static String groupName(int total, int group) {
        return String.format(Locale.ROOT, "n%d-g%04d", total, group);
    }
}
