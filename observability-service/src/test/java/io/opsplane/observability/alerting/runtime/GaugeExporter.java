package io.opsplane.observability.alerting.runtime;

import com.sun.net.httpserver.HttpServer;
import io.opsplane.testing.RemoteWrite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A real HTTP server on loopback exposing gauges the test sets, in Prometheus's text format on {@code /metrics}:
 * what a scraping Prometheus reads, and what {@link #series} hands a remote-write push with the labels that scrape
 * adds ({@code job}, {@code instance}), so a second store holds the same series with the same values.
 */
final class GaugeExporter implements AutoCloseable {

    private final HttpServer server;
    /** Series labels ({@code __name__} included) to value; sorted so that the exposition is stable. */
    private final Map<SortedMap<String, String>, Double> gauges = new TreeMap<>(
            (a, b) -> a.toString().compareTo(b.toString()));

    GaugeExporter() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** {@code host:port}, the scrape target and so the {@code instance} label. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized void set(String name, Map<String, String> labels, double value) {
        SortedMap<String, String> key = new TreeMap<>(labels);
        key.put("__name__", name);
        gauges.put(key, value);
    }

    synchronized String exposition() {
        StringBuilder out = new StringBuilder();
        gauges.forEach((labels, value) -> out.append(labels.get("__name__"))
                .append(labels.entrySet().stream().filter(label -> !label.getKey().equals("__name__"))
                        .map(label -> label.getKey() + "=\"" + label.getValue() + "\"")
                        .collect(Collectors.joining(",", "{", "}")))
                .append(' ').append(value).append('\n'));
        return out.toString();
    }

    /** Every gauge at {@code timestampMs}, labelled as a scrape of job {@code job} labels it. */
    synchronized List<RemoteWrite.Series> series(String job, long timestampMs) {
        List<RemoteWrite.Series> all = new ArrayList<>();
        gauges.forEach((labels, value) -> {
            Map<String, String> scraped = new TreeMap<>(labels);
            scraped.put("job", job);
            scraped.put("instance", address());
            all.add(new RemoteWrite.Series(scraped, List.of(new RemoteWrite.Sample(timestampMs, value))));
        });
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
