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
 * notifications and the distinct alerts in them (by {@code alertname} and {@code instance}), and when the last
 * new alert arrived. Answers 200 at once.
 */
final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final AtomicLong notifications = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Set<String> alerts = ConcurrentHashMap.newKeySet();
    private final AtomicLong lastNewAlertNanos = new AtomicLong();

    WebhookReceiver() throws IOException {
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
        notifications.incrementAndGet();
        try {
            for (JsonNode alert : JSON.readTree(body).path("alerts")) {
                JsonNode labels = alert.path("labels");
                if (alerts.add(labels.path("alertname").asText() + "/" + labels.path("instance").asText())) {
                    lastNewAlertNanos.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }
        } catch (IOException e) {
            malformed.incrementAndGet();
        }
    }

    long notifications() {
        return notifications.get();
    }

    long malformed() {
        return malformed.get();
    }

    /** How many distinct alerts named {@code alertname} arrived. */
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
