package io.opsplane.bench;

import com.sun.net.httpserver.HttpServer;
import io.opsplane.deploy.process.LoopbackPorts;
import io.opsplane.deploy.traffic.HaproxyCommands;
import io.opsplane.deploy.traffic.TrackServer;
import io.opsplane.deploy.traffic.haproxy.HaproxyExecutable;
import io.opsplane.deploy.traffic.haproxy.HaproxyProcess;
import io.opsplane.deploy.traffic.haproxy.HaproxyRoute;
import io.opsplane.deploy.traffic.haproxy.HaproxyRuntimeApi;
import io.opsplane.deploy.traffic.haproxy.HaproxyTrafficRouter;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * deploy-service's traffic path against a real HAProxy (the Debian package) on this machine: one
 * runtime-API command, one weight split applied through {@link HaproxyTrafficRouter} (read the
 * servers' state, send what differs), and the time HAProxy adds to a request compared with calling
 * the backend directly, in the same run. Prints Markdown rows. Usage: TrafficBench [rounds]
 */
public final class TrafficBench {

    private static final String BACKEND = "bench";

    private TrafficBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        // Without it the JDK's server writes headers and body separately and Nagle's algorithm meets the
        // client's delayed ACK: about 40 ms per kept-alive request, which would be measured instead.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer stable = backend("stable");
        HttpServer canary = backend("canary");
        Path state = Files.createTempDirectory("traffic-bench");
        int proxyPort = LoopbackPorts.free();
        try (HaproxyProcess haproxy = HaproxyProcess.start(HaproxyExecutable.locate(), state,
                List.of(new HaproxyRoute(BACKEND, proxyPort)), Duration.ofSeconds(20))) {
            HaproxyRuntimeApi api = haproxy.runtimeApi();
            HaproxyTrafficRouter router = new HaproxyTrafficRouter(api);
            Map<String, List<TrackServer>> servers = Map.of(
                    "stable", List.of(new TrackServer("stable-0", "127.0.0.1", stable.getAddress().getPort(), true)),
                    "canary", List.of(new TrackServer("canary-0", "127.0.0.1", canary.getAddress().getPort(), true)));
            router.applySplit(BACKEND, Map.of("stable", 100, "canary", 0), servers);

            System.out.println("| measure | p50 | p99 | rounds |");
            System.out.println("|---|---|---|---|");
            long[] command = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                String set = HaproxyCommands.setWeight(BACKEND, "canary-0", i % 2 == 0 ? 1 : 0);
                long t0 = System.nanoTime();
                api.apply(List.of(set));
                command[i] = System.nanoTime() - t0;
            }
            row("one runtime-API command (`set server ... weight`)", command);

            long[] split = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                int canaryPercent = i % 2 == 0 ? 10 : 50;
                long t0 = System.nanoTime();
                router.applySplit(BACKEND, Map.of("stable", 100 - canaryPercent, "canary", canaryPercent), servers);
                split[i] = System.nanoTime() - t0;
            }
            row("a weight split applied (read `show servers state`, two `set server` commands)", split);

            router.applySplit(BACKEND, Map.of("stable", 100, "canary", 0), servers);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI direct = URI.create("http://127.0.0.1:" + stable.getAddress().getPort() + "/");
            URI proxied = URI.create("http://127.0.0.1:" + proxyPort + "/");
            long[] directTimes = new long[rounds];
            long[] proxiedTimes = new long[rounds];
            for (int i = 0; i < rounds / 10; i++) {
                // Warm-up of both paths, so neither pays for the JIT or the first connections.
                get(client, direct);
                get(client, proxied);
            }
            for (int i = 0; i < rounds; i++) {
                // Interleaved, so both paths see the same machine at the same moments.
                directTimes[i] = get(client, direct);
                proxiedTimes[i] = get(client, proxied);
            }
            row("HTTP GET, backend called directly", directTimes);
            row("HTTP GET through HAProxy", proxiedTimes);
            System.out.printf(Locale.ROOT, "| HAProxy's share: difference of the medians | %.3f ms | | %d |%n",
                    (percentile(proxiedTimes, 50) - percentile(directTimes, 50)) / 1e6, rounds);
        } finally {
            stable.stop(0);
            canary.stop(0);
            deleteTree(state);
        }
    }

    private static void deleteTree(Path folder) throws java.io.IOException {
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static HttpServer backend(String answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        byte[] body = answer.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static long get(HttpClient client, URI uri) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        long elapsed = System.nanoTime() - t0;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        return elapsed;
    }

    private static void row(String measure, long[] nanos) {
        System.out.printf(Locale.ROOT, "| %s | %.3f ms | %.3f ms | %d |%n", measure, percentile(nanos, 50) / 1e6,
                percentile(nanos, 99) / 1e6, nanos.length);
    }

    private static double percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
