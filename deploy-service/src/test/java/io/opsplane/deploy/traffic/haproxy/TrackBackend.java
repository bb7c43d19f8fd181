package io.opsplane.deploy.traffic.haproxy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/** A real HTTP server on a free loopback port that answers every request with its track's name. */
final class TrackBackend implements AutoCloseable {

    private final HttpServer server;

    private TrackBackend(HttpServer server) {
        this.server = server;
    }

    static TrackBackend answering(String text) throws IOException {
        return answeringWhen(text, new CountDownLatch(0), new CountDownLatch(0));
    }

    /** Counts each request down on {@code arrived}, then holds its answer until {@code release} is open. */
    static TrackBackend answeringWhen(String text, CountDownLatch arrived, CountDownLatch release) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new TrackBackend(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
