package io.opsplane.bench;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The alert manager's throughput: {@code --alerts} new alerts posted through the gateway's Alertmanager API
 * ({@code POST /alertmanager/api/v2/alerts}) in posts of {@code --alert-batch}, by {@code --alert-posters} posters
 * at once, with a configuration that gives each alert a group of its own (group_by alertname and instance,
 * group_wait 0s) and routes it to a webhook receiver in this process. Measured: alerts accepted per second (a 200
 * means stored), and notifications delivered per second from the first post to the last alert at the receiver.
 * The receiver is on the loopback address, which the platform must allow
 * ({@code OPSPLANE_ALERTMANAGER_ALLOWED_NETWORKS=127.0.0.1/32}, as bench/run.sh sets it).
 */
final class NotificationBench {

    private static final String MEASURED = "BenchNotification";
    private static final String WARM_UP = "BenchWarmUp";
    /** A configuration without receivers, put back at the end so no notification goes to a closed port. */
    private static final String QUIET_CONFIG = """
            route:
              receiver: nobody
              group_by: [alertname]
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 4h
            receivers:
              - name: nobody
            """;

    private final BenchHttp http;
    private final ObservabilityBench.Settings settings;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    NotificationBench(BenchHttp http, ObservabilityBench.Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    void run() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver("node-" + run + "-")) {
            putConfig(receiver.url());
            try {
                warmUp(receiver);
                measure(receiver);
            } finally {
                http.put(settings.gateway() + "/api/v1/alertmanager/config", "application/yaml", QUIET_CONFIG);
            }
        }
    }

    private void putConfig(String webhook) {
        String config = """
                route:
                  receiver: bench
                  group_by: [alertname, instance]
                  group_wait: 0s
                  group_interval: 1m
                  repeat_interval: 4h
                receivers:
                  - name: bench
                    webhook_configs:
                      - url: %s
                        send_resolved: false
                """.formatted(webhook);
        try {
            http.put(settings.gateway() + "/api/v1/alertmanager/config", "application/yaml", config);
        } catch (BenchHttp.CallFailed e) {
            throw new IllegalStateException("the alert manager refused a webhook on " + webhook + " (receivers on this "
                    + "machine must be allowed: OPSPLANE_ALERTMANAGER_ALLOWED_NETWORKS=127.0.0.1/32 for the platform): "
                    + e.getMessage(), e);
        }
    }

    /** One post, until its alerts reach the receiver: the configuration is in force and the path warm. */
    private void warmUp(WebhookReceiver receiver) throws InterruptedException {
        int count = Math.min(settings.alertBatch(), settings.alerts());
        post(WARM_UP, 0, count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (receiver.alertsNamed(WARM_UP) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(receiver.alertsNamed(WARM_UP) + " of " + count + " warm-up alerts reached "
                        + "the webhook in 60 s (" + receiver.notifications() + " notifications): see observability-service's "
                        + "log for refused or failed deliveries");
            }
            Thread.sleep(50);
        }
    }

    private void measure(WebhookReceiver receiver) throws Exception {
        long notificationsBefore = receiver.notifications();
        AtomicInteger next = new AtomicInteger();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong lastAccepted = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        Latencies latencies = new Latencies();
        ExecutorService posters = Executors.newFixedThreadPool(settings.alertPosters());
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int p = 0; p < settings.alertPosters(); p++) {
            running.add(posters.submit(() -> {
                int from;
                while ((from = next.getAndAdd(settings.alertBatch())) < settings.alerts()) {
                    int count = Math.min(settings.alertBatch(), settings.alerts() - from);
                    long sent = System.nanoTime();
                    try {
                        post(MEASURED, from, count);
                        latencies.add(System.nanoTime() - sent);
                        accepted.addAndGet(count);
                        lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                    } catch (RuntimeException e) {
                        failed.addAndGet(count);
                        firstError.compareAndSet(null, e.getMessage());
                    }
                }
                return null;
            }));
        }
        posters.shutdown();
        for (Future<?> poster : running) {
            poster.get(10, TimeUnit.MINUTES);
        }
        if (accepted.get() == 0) {
            throw new IllegalStateException("no alert was accepted: " + firstError.get());
        }
        double acceptSeconds = (lastAccepted.get() - start) / 1e9;
        ObservabilityBench.row(String.format(Locale.ROOT, "alerts posted through the gateway (`POST "
                + "/alertmanager/api/v2/alerts`), %,d new alerts in posts of %d, %d posters", settings.alerts(),
                settings.alertBatch(), settings.alertPosters()), String.format(Locale.ROOT, "**%,.0f alerts/s accepted** "
                + "(%,d in %.2f s; %,d refused%s); post %s", accepted.get() / acceptSeconds, accepted.get(), acceptSeconds,
                failed.get(), firstError.get() == null ? "" : ", first: " + firstError.get(), latencies.summary()));
        awaitDelivery(receiver, accepted.get());
        long delivered = receiver.alertsNamed(MEASURED);
        long notifications = receiver.notifications() - notificationsBefore;
        double deliverSeconds = (receiver.lastNewAlertNanos() - start) / 1e9;
        ObservabilityBench.row("notifications delivered to a webhook, one alert a group (group_wait 0s)",
                String.format(Locale.ROOT, "**%,.0f notifications/s** (%,d notifications carrying %,d of %,d alerts, first "
                        + "post → last alert at the receiver %.2f s%s%s)", notifications / deliverSeconds, notifications,
                        delivered, accepted.get(), deliverSeconds, receiver.malformed() == 0 ? ""
                                : "; " + receiver.malformed() + " bodies not JSON", receiver.foreign() == 0 ? ""
                                : String.format(Locale.ROOT, "; %,d alerts of earlier runs came too", receiver.foreign())));
    }

    /** Until every accepted alert arrived, or none arrived for 30 s, or the drain time is up. */
    private void awaitDelivery(WebhookReceiver receiver, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.alertDrainSeconds());
        long seen = -1;
        long lastProgress = System.nanoTime();
        while (receiver.alertsNamed(MEASURED) < expected && System.nanoTime() < deadline) {
            long now = receiver.alertsNamed(MEASURED);
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(30)) {
                System.err.println("notifications stopped arriving at " + now + " of " + expected + " alerts");
                return;
            }
            Thread.sleep(100);
        }
    }

    /** Posts alerts {@code from..from+count} named {@code alertname}; throws unless accepted. */
    private void post(String alertname, int from, int count) {
        StringBuilder body = new StringBuilder("[");
        String now = Instant.now().toString();
        for (int i = from; i < from + count; i++) {
            body.append(i == from ? "" : ",").append("{\"labels\":{\"alertname\":\"").append(alertname)
                    .append("\",\"instance\":\"node-").append(run).append('-').append(i)
                    .append(":9100\",\"job\":\"node\",\"service\":\"shop-").append(i % 20)
                    .append("\",\"severity\":\"").append(i % 4 == 0 ? "critical" : "warning")
                    .append("\"},\"annotations\":{\"summary\":\"Disk almost full on node-").append(i)
                    .append("\",\"description\":\"/var is 93% full and grows 2 GiB an hour\"},\"startsAt\":\"")
                    .append(now).append("\",\"generatorURL\":\"http://prometheus.example:9090/graph?g0.expr=disk\"}");
        }
        body.append(']');
        http.send(http.request(settings.gateway() + "/alertmanager/api/v2/alerts", true)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), 200);
    }
}
