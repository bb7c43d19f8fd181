package io.opsplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * What the gateway's PromQL path adds: the same query asked of the metrics store directly (Prometheus's own port)
 * and through the gateway's {@code /prometheus/api/v1} (token check, gRPC to observability-service, its query
 * limits, the store, the answer re-encoded), pairs of calls one at a time, the order alternating within a pair,
 * both with the same evaluation time. An instant query and a 10-minute range query.
 */
final class PromqlProxyBench {

    static final String QUERY = "sum by (service) (rate(http_server_requests_seconds_count[1m]))";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchHttp http;
    private final ObservabilityBench.Settings settings;

    PromqlProxyBench(BenchHttp http, ObservabilityBench.Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    void run() {
        compare("instant query", time -> "/api/v1/query?query=" + BenchHttp.encode(QUERY) + "&time=" + time);
        compare("range query, 10 min at a 15 s step", time -> "/api/v1/query_range?query=" + BenchHttp.encode(QUERY)
                + "&start=" + seconds(Double.parseDouble(time) - 600) + "&end=" + time + "&step=15");
    }

    private void compare(String what, java.util.function.Function<String, String> path) {
        Latencies direct = new Latencies();
        Latencies gateway = new Latencies();
        int warmUp = Math.min(20, settings.promqlPairs());
        String mismatch = null;
        int series = -1;
        for (int i = 0; i < warmUp + settings.promqlPairs(); i++) {
            String query = path.apply(seconds(System.currentTimeMillis() / 1000.0));
            boolean directFirst = i % 2 == 0;
            long[] took = new long[2];
            String[] bodies = new String[2];
            for (int leg = 0; leg < 2; leg++) {
                boolean viaStore = (leg == 0) == directFirst;
                String url = viaStore ? settings.prometheus() + query : settings.gateway() + "/prometheus" + query;
                long sent = System.nanoTime();
                String body = http.get(url, !viaStore);
                took[viaStore ? 0 : 1] = System.nanoTime() - sent;
                bodies[viaStore ? 0 : 1] = body;
            }
            if (i < warmUp) {
                if (i == 0) {
                    mismatch = sameAnswer(bodies[0], bodies[1]);
                    series = seriesIn(bodies[0]);
                }
                continue;
            }
            direct.add(took[0]);
            gateway.add(took[1]);
        }
        ObservabilityBench.row("PromQL " + what + ", metrics store directly", direct.summary());
        ObservabilityBench.row("PromQL " + what + ", through the gateway", gateway.summary());
        ObservabilityBench.row("PromQL " + what + ", added by the gateway path", String.format(Locale.ROOT,
                "p50 %+.2f ms, p99 %+.2f ms (same `%s`, %d series)%s", gateway.millis(0.5) - direct.millis(0.5),
                gateway.millis(0.99) - direct.millis(0.99), QUERY, series, mismatch == null ? ""
                        : "; **" + mismatch + "**"));
    }

    /** Null when both answers succeeded with the same number of series; what differs otherwise. */
    private static String sameAnswer(String direct, String gateway) {
        try {
            JsonNode a = JSON.readTree(direct);
            JsonNode b = JSON.readTree(gateway);
            if (!"success".equals(a.path("status").asText()) || !"success".equals(b.path("status").asText())) {
                return "an answer was not a success: " + BenchHttp.excerpt(direct) + " / " + BenchHttp.excerpt(gateway);
            }
            int seriesA = a.path("data").path("result").size();
            int seriesB = b.path("data").path("result").size();
            return seriesA == seriesB ? null : "series differ: " + seriesA + " directly, " + seriesB + " through the gateway";
        } catch (Exception e) {
            return "an answer was not JSON: " + e.getMessage();
        }
    }

    private static int seriesIn(String answer) {
        try {
            return JSON.readTree(answer).path("data").path("result").size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String seconds(double epochSeconds) {
        return String.format(Locale.ROOT, "%.3f", epochSeconds);
    }
}
