package io.opsplane.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What authorisation adds to a REST call through the gateway. Authorisation cannot be switched off, so the same
 * real calls are measured twice over: end to end at the client, and inside the platform, where the gateway times
 * each accepted request's authentication ({@code opsplane_gateway_authentication_seconds}) and the service times
 * each admitted gRPC call from its arrival to its admission ({@code opsplane_grpc_admission_seconds}): caller
 * verification and the permission check. Their sum is what the call would save without authorisation. Prints
 * Markdown rows.
 */
public final class GatewayAuthorisationBench {

    private static final int CALLS_PER_SECOND = 40;
    private static final int WARM_UP_CALLS = 200;

    private GatewayAuthorisationBench() {
    }

    public static void main(String[] args) throws Exception {
        EventPathBench.Args a = EventPathBench.Args.parse(args);
        String gateway = AccessPlatformBench.argument(args, "gateway", "http://127.0.0.1:8080");
        String service = AccessPlatformBench.argument(args, "service-http", "http://127.0.0.1:8081");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest call = HttpRequest.newBuilder(URI.create(gateway + "/api/v1/pipelines?pageSize=1"))
                .header("Authorization", "Bearer " + a.token()).timeout(Duration.ofSeconds(30)).GET().build();
        // Paced below the gateway's per-token rate limit (50/s), so every call is served rather than refused.
        long interval = TimeUnit.SECONDS.toNanos(1) / CALLS_PER_SECOND;
        long next = System.nanoTime();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            next = paced(next, interval);
            send(http, call);
        }
        List<Long> latencies = new ArrayList<>();
        long failed = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(a.seconds());
        while (System.nanoTime() < end) {
            next = paced(next, interval);
            long sent = System.nanoTime();
            if (send(http, call)) {
                latencies.add(System.nanoTime() - sent);
            } else {
                failed++;
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String gatewayMetrics = metrics(http, gateway);
        String serviceMetrics = metrics(http, service);
        double authP50 = quantile(gatewayMetrics, "opsplane_gateway_authentication_seconds", "", "0.5");
        double authP99 = quantile(gatewayMetrics, "opsplane_gateway_authentication_seconds", "", "0.99");
        double admitP50 = quantile(serviceMetrics, "opsplane_grpc_admission_seconds", "caller=\"relayed\",", "0.5");
        double admitP99 = quantile(serviceMetrics, "opsplane_grpc_admission_seconds", "caller=\"relayed\",", "0.99");
        System.out.printf(Locale.ROOT, "| REST `GET /api/v1/pipelines?pageSize=1` through the gateway to pipeline-service, "
                + "one at a time, %d a second, %d s | %,d calls (%,d failed), p50 %.2f ms, p99 %.2f ms |%n", CALLS_PER_SECOND,
                a.seconds(), sorted.size(), failed, millis(sorted, 0.50), millis(sorted, 0.99));
        System.out.printf(Locale.ROOT, "| of which authentication at the gateway (token remembered) | p50 %.1f µs, p99 %.1f µs |%n",
                authP50 * 1e6, authP99 * 1e6);
        System.out.printf(Locale.ROOT, "| of which admission at pipeline-service (assertion verified or remembered, "
                + "permission checked) | p50 %.1f µs, p99 %.1f µs |%n", admitP50 * 1e6, admitP99 * 1e6);
        System.out.printf(Locale.ROOT, "| authorisation added to the call (sum of both) | p50 %.1f µs, p99 at most %.1f µs |%n",
                (authP50 + admitP50) * 1e6, (authP99 + admitP99) * 1e6);
    }

    /** Waits until {@code next}; the time of the call after it. */
    private static long paced(long next, long interval) throws InterruptedException {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return Math.max(next, System.nanoTime() - interval) + interval;
    }

    private static boolean send(HttpClient http, HttpRequest call) {
        try {
            return http.send(call, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String metrics(HttpClient http, String base) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(base + "/q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** A quantile gauge of a Micrometer timer in the Prometheus text format, in seconds. */
    static double quantile(String metrics, String name, String labelsBefore, String quantile) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name + "{" + labelsBefore + "quantile=\"" + quantile
                + "\"") + "[^}]*} (\\S+)$").matcher(metrics);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + name + " " + labelsBefore + "quantile " + quantile + " in the metrics");
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) (quantile * sorted.size()))) / 1e6;
    }
}
