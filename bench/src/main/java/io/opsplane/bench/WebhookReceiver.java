package io.opsplane.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver on the loopback interface, as Alertmanager's webhook_configs post to one: counts the
 * notifications carrying this run's alerts (those whose {@code instance} starts with the run's prefix), the distinct
 * alerts among them (by {@code alertname} and {@code instance}), and when the last new one arrived. Alerts of
 * earlier runs on the same platform, still firing, are counted apart. Answers 200 at once.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String instancePrefix;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final Set<String> alerts = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastNewAlertNanos = new AtomicLong();

    WebhookReceiver(String instancePrefix) throws IOException {
        this.instancePrefix = instancePrefix;
        // Headers and body in one segment: without it Nagle's algorithm meets the client's delayed ACK (40 ms).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                record(body.readAllBytes());
            } finally {
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void record(byte[] body) {
        try {
            boolean ours = false;
            for (JsonNode alert : JSON.readTree(body).path("alerts")) {
                JsonNode labels = alert.path("labels");
                String instance = labels.path("instance").asText();
                if (!instance.startsWith(instancePrefix)) {
                    foreign.incrementAndGet();
                    continue;
                }
                ours = true;
                if (alerts.add(labels.path("alertname").asText() + "/" + instance)) {
                    lastNewAlertNanos.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }
            if (ours) {
                notifications.incrementAndGet();
            }
        } catch (IOException e) {
            malformed.incrementAndGet();
        }
    }

    long notifications() {
        return notifications.get();
    }

    /** Alerts of other runs that arrived (still firing on the platform). */
    long foreign() {
        return foreign.get();
    }

    long malformed() {
        return malformed.get();
    }

    /** How many distinct alerts of this run named {@code alertname} arrived. */
    long alertsNamed(String alertname) {
        return alerts.stream().filter(key -> key.startsWith(alertname + "/")).count();
    }

    long lastNewAlertNanos() {
        return lastNewAlertNanos.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
