package io.opsplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A VictoriaMetrics single-node server of the test run's own (the Debian package {@code victoria-metrics}), on a free
 * loopback port with a temporary data folder: the second metrics store the metrics tests run against, so the store
 * stays one setting away from any Prometheus-API-compatible backend. {@code -search.latencyOffset=1s}, or samples
 * younger than 30 s stay invisible to queries.
 */
public final class VictoriaMetrics implements AutoCloseable {

    public static final String BINARY = System.getenv().getOrDefault("OPSPLANE_VICTORIA_METRICS_BIN",
            "victoria-metrics");

    private final Process process;
    private final Path data;
    private final String url;

    private VictoriaMetrics(Process process, Path data, String url) {
        this.process = process;
        this.data = data;
        this.url = url;
    }

    /** Starts one and waits until it answers; fails naming the package when the binary is missing. */
    public static VictoriaMetrics start() {
        Path data;
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
            data = Files.createTempDirectory("opsplane-victoria-metrics");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(BINARY, "-httpListenAddr=127.0.0.1:" + port,
                    "-storageDataPath=" + data, "-retentionPeriod=1d", "-search.latencyOffset=1s",
                    "-loggerLevel=ERROR")).redirectErrorStream(true)
                    .redirectOutput(data.resolve("victoria-metrics.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("VictoriaMetrics is not installed: install the Debian package "
                    + "'victoria-metrics' (apt-get install -y victoria-metrics), or set OPSPLANE_VICTORIA_METRICS_BIN", e);
        }
        String url = "http://127.0.0.1:" + port;
        VictoriaMetrics store = new VictoriaMetrics(process, data, url);
        store.awaitHealthy(Duration.ofSeconds(30));
        return store;
    }

    public String url() {
        return url;
    }

    private void awaitHealthy(Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("VictoriaMetrics exited with " + process.exitValue() + "; see "
                        + data.resolve("victoria-metrics.log"));
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("VictoriaMetrics did not answer on " + url + " within " + within);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the next run does not depend on it
        }
    }
}
