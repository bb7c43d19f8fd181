package io.opsplane.observability.alerting.runtime;

import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real HTTP server on loopback that plays webhook receivers: it keeps every body posted to each path, and
 * answers 500 to the first {@code n} posts of a path told to fail.
 */
final class WebhookReceiver implements AutoCloseable {

    /** A post: its body parsed, and as it came ({@code text}) for a byte-for-byte comparison. */
    record Received(String path, JsonObject body, String text, Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            AtomicInteger left = failuresLeft.get(path);
            if (left != null && left.getAndDecrement() > 0) {
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
                return;
            }
            synchronized (received) {
                String text = new String(body, StandardCharsets.UTF_8);
                received.add(new Received(path, new JsonObject(text), text, Instant.now()));
                received.notifyAll();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** The URL of {@code path} by the name the test configuration admits. */
    String url(String path) {
        return "http://localhost:" + port() + path;
    }

    void failFirst(String path, int times) {
        failuresLeft.put(path, new AtomicInteger(times));
    }

    /** Waits for a body posted to {@code path} that passes {@code test}. */
    Received await(String path, Predicate<JsonObject> test, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (received) {
            while (true) {
                for (Received each : received) {
                    if (each.path().equals(path) && test.test(each.body())) {
                        return each;
                    }
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("nothing posted to " + path + " within " + timeout + "; got " + received);
                }
                received.wait(left);
            }
        }
    }

    List<Received> all(String path, Predicate<JsonObject> test) {
        synchronized (received) {
            return received.stream().filter(each -> each.path().equals(path) && test.test(each.body())).toList();
        }
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
