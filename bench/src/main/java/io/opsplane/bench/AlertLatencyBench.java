package io.opsplane.bench;

import com.sun.net.httpserver.HttpServer;
import io.opsplane.testing.PeerAlertmanager;
import io.opsplane.testing.PeerPrometheus;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alert latency side by side: one gauge, exposed by this program, scraped every second by a Prometheus 2.42 of its
 * own (rules evaluated every second, alerts to an Alertmanager 0.25 with {@code group_wait: 0s},
 * {@code group_interval: 1s}) and by the running platform's metrics store (a user's scrape job, the same rule in a
 * namespace, the same route in the alert manager's configuration, Opsplane's defaults otherwise). Each trial moves
 * the gauge over the threshold at a random moment and times the firing notification at each side's webhook
 * receiver (here), then back under it and times the resolved one. Prints Markdown rows.
 */
public final class AlertLatencyBench {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(firing|resolved)\"");
    private static final String ALERT = "BenchValueHigh";
    private static final String RULES = """
            groups:
              - name: bench-latency
                rules:
                  - alert: BenchValueHigh
                    expr: bench_alert_value{job="%s"} > 5
                    labels:
                      severity: page
                    annotations:
                      summary: "value {{ $value }}"
            """;
    private static final String ROUTE = """
            route:
              receiver: bench
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 4h
            receivers:
              - name: bench
                webhook_configs:
                  - url: %s
                    send_resolved: true
            """;

    /** Arrival times (System.nanoTime) of each side's notifications, by status. */
    private final Map<String, List<long[]>> arrivals = new ConcurrentHashMap<>();
    private volatile double value;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final String token;

    private AlertLatencyBench(String gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    public static void main(String[] args) throws Exception {
        String gateway = value(args, "--gateway", "http://127.0.0.1:8080");
        int trials = Integer.parseInt(value(args, "--trials", "10"));
        String token = Files.readString(Path.of(System.getenv().getOrDefault("OPSPLANE_HOME", ".opsplane"),
                "admin-token")).strip();
        new AlertLatencyBench(gateway, token).run(trials);
    }

    private void run(int trials) throws Exception {
        HttpServer exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        exporter.createContext("/metrics", exchange -> {
            byte[] body = ("# TYPE bench_alert_value gauge\nbench_alert_value " + value + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        for (String side : List.of("peer", "opsplane")) {
            arrivals.put(side, new ArrayList<>());
            receiver.createContext("/" + side, exchange -> {
                long at = System.nanoTime();
                String payload;
                try (InputStream body = exchange.getRequestBody()) {
                    payload = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
                Matcher status = STATUS.matcher(payload);
                if (payload.contains("\"alertname\":\"" + ALERT + "\"") && status.find()) {
                    synchronized (arrivals) {
                        arrivals.get(side).add(new long[] {at, status.group(1).equals("firing") ? 1 : 0});
                    }
                }
            });
        }
        exporter.start();
        receiver.start();
        String target = "127.0.0.1:" + exporter.getAddress().getPort();
        String receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
        String job = "bench-alert-" + UUID.randomUUID().toString().substring(0, 8);
        try (PeerAlertmanager alertmanager = PeerAlertmanager.start(ROUTE.formatted(receiverBase + "/peer"), List.of());
                PeerPrometheus prometheus = PeerPrometheus.start("""
                        global:
                          scrape_interval: 1s
                          evaluation_interval: 1s
                        rule_files: [rules.yml]
                        alerting:
                          alertmanagers:
                            - static_configs:
                                - targets: ['%s']
                        scrape_configs:
                          - job_name: %s
                            static_configs:
                              - targets: ['%s']
                        """.formatted(alertmanager.address(), job, target),
                        Map.of("rules.yml", RULES.formatted(job)), List.of("--rules.alert.resend-delay=1s"))) {
            send("POST", "/api/v1/scrape-targets", "application/json",
                    "{\"name\":\"" + job + "\",\"targets\":[\"" + target + "\"]}");
            awaitScraped(prometheus.url() + "/api/v1/query", job, false);
            awaitScraped(gateway + "/prometheus/api/v1/query", job, true);
            send("PUT", "/api/v1/alertmanager/config", "application/yaml", ROUTE.formatted(receiverBase + "/opsplane"));
            send("PUT", "/api/v1/rules/bench-latency", "application/yaml", RULES.formatted(job));
            // Time for the rule group to start and be placed after the job's scrapes.
            Thread.sleep(12_000);

            Map<String, List<Double>> firing = Map.of("peer", new ArrayList<>(), "opsplane", new ArrayList<>());
            Map<String, List<Double>> resolved = Map.of("peer", new ArrayList<>(), "opsplane", new ArrayList<>());
            for (int trial = 0; trial < trials; trial++) {
                Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(1_000));
                long crossed = System.nanoTime();
                value = 10;
                for (String side : firing.keySet()) {
                    firing.get(side).add(millisUntil(side, 1, crossed));
                }
                Thread.sleep(1_000 + ThreadLocalRandom.current().nextInt(1_000));
                long back = System.nanoTime();
                value = 0;
                for (String side : resolved.keySet()) {
                    resolved.get(side).add(millisUntil(side, 0, back));
                }
            }
            System.out.println("| side (scrape and evaluation every 1 s, group_wait 0s, group_interval 1s) "
                    + "| firing p50 / p90 / max | resolved p50 / p90 / max |");
            System.out.println("|---|---|---|");
            System.out.println("| Prometheus 2.42 + Alertmanager 0.25 | " + summary(firing.get("peer")) + " | "
                    + summary(resolved.get("peer")) + " |");
            System.out.println("| Opsplane | " + summary(firing.get("opsplane")) + " | "
                    + summary(resolved.get("opsplane")) + " |");
            System.out.println();
            System.out.println(trials + " trials; each change of the gauge at a random moment; milliseconds from the "
                    + "change to the notification at the webhook receiver.");
        } finally {
            try {
                send("DELETE", "/api/v1/rules/bench-latency", null, null);
                send("DELETE", "/api/v1/scrape-targets/" + job, null, null);
            } catch (RuntimeException e) {
                System.err.println("cleaning up: " + e.getMessage());
            }
            exporter.stop(0);
            receiver.stop(0);
        }
    }

    /** Milliseconds from {@code since} to the first notification of {@code side} with that status after it. */
    private double millisUntil(String side, int firing, long since) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (arrivals) {
                for (long[] arrival : arrivals.get(side)) {
                    if (arrival[0] > since && arrival[1] == firing) {
                        return (arrival[0] - since) / 1e6;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(side + ": no " + (firing == 1 ? "firing" : "resolved")
                + " notification within 60 s");
    }

    private void awaitScraped(String queryUrl, String job, boolean authorised) throws Exception {
        String query = URLEncoder.encode("up{job=\"" + job + "\"} == 1", StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(queryUrl + "?query=" + query));
            if (authorised) {
                request.header("Authorization", "Bearer " + token);
            }
            String body = http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"job\":\"" + job + "\"")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job " + job + " is not scraped at " + queryUrl + " within 60 s");
    }

    private void send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300 && !(method.equals("DELETE") && response.statusCode() == 404)) {
                throw new IllegalStateException(method + " " + path + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        sorted.sort(null);
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", percentile(sorted, 50), percentile(sorted, 90),
                sorted.get(sorted.size() - 1));
    }

    /** Nearest-rank percentile. */
    private static double percentile(List<Double> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String value(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
