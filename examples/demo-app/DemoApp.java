import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Opsplane's demo application: a plain HTTP service to deploy, shift traffic to and analyse.
 * Run it with {@code java DemoApp.java}; it needs nothing but a JDK (11 or newer).
 *
 * <p>Settings come from the environment:
 * <ul>
 * <li>{@code PORT} (required): the port to listen on, on 127.0.0.1 ({@code DEMO_BIND} overrides the address);
 * <li>{@code DEMO_VERSION}: the version it reports (default: {@code OPSPLANE_VERSION}, which deploy-service sets to
 *     the release's version, else {@code v1});
 * <li>{@code DEMO_ERROR_RATIO}: the share of requests to {@code /} answered with 500, 0 to 1
 *     (default 0); the errors are spread evenly, not drawn at random, so a test can count them;
 * <li>{@code DEMO_LATENCY_MS}: a delay added to every request to {@code /} (default 0);
 * <li>{@code DEMO_STOP_DELAY_MS}: how long it takes to shut down after SIGTERM (default 0).
 * </ul>
 *
 * <p>Endpoints: {@code GET /} answers {@code demo <version>}; {@code GET /healthz} answers
 * {@code ok}; {@code GET /metrics} serves {@code http_requests_total{code,version}} and the
 * histogram {@code http_request_duration_seconds{version}} in Prometheus's text format;
 * {@code PUT /admin/error-ratio} with a body such as {@code 0.25} changes the error ratio while it
 * runs (the switch that turns a good canary into a bad one). There is no authentication: it binds
 * to loopback and is a demo.
 */
public final class DemoApp {

    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final String version;
    private final long latencyMillis;
    private final Map<Integer, Long> requestsByCode = new TreeMap<>();
    private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length);
    private double durationSum;
    private long durationCount;
    private double errorRatio;
    private double errorDebt;

    private DemoApp(String version, double errorRatio, long latencyMillis) {
        this.version = version;
        this.errorRatio = errorRatio;
        this.latencyMillis = latencyMillis;
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(required("PORT"));
        String bind = System.getenv().getOrDefault("DEMO_BIND", "127.0.0.1");
        String version = System.getenv().getOrDefault("DEMO_VERSION", System.getenv().getOrDefault("OPSPLANE_VERSION", "v1"));
        if (!version.matches("[A-Za-z0-9._+-]{1,64}")) {
            throw new IllegalArgumentException("DEMO_VERSION must be 1 to 64 of A-Z a-z 0-9 . _ + -, was '" + version + "'");
        }
        DemoApp app = new DemoApp(version, ratio(System.getenv().getOrDefault("DEMO_ERROR_RATIO", "0")),
                Long.parseLong(System.getenv().getOrDefault("DEMO_LATENCY_MS", "0")));
        long stopDelayMillis = Long.parseLong(System.getenv().getOrDefault("DEMO_STOP_DELAY_MS", "0"));

        // Without it the JDK's server writes headers and body separately and Nagle's algorithm meets the
        // client's delayed ACK: about 40 ms added to every request on a kept-alive connection.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 100);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", app::root);
        server.createContext("/healthz", exchange -> respond(exchange, 200, "ok\n", "text/plain"));
        server.createContext("/metrics", app::metrics);
        server.createContext("/admin/error-ratio", app::setErrorRatio);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("demo " + version + " stopping");
            sleep(stopDelayMillis);
            server.stop(0);
        }));
        server.start();
        System.out.println("demo " + version + " listening on " + bind + ":" + port);
    }

    private void root(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, "not found\n", "text/plain");
            return;
        }
        long start = System.nanoTime();
        sleep(latencyMillis);
        int code = nextIsError() ? 500 : 200;
        respond(exchange, code, code == 200 ? "demo " + version + "\n" : "demo " + version + " failed\n", "text/plain");
        record(code, (System.nanoTime() - start) / 1e9);
    }

    private synchronized boolean nextIsError() {
        errorDebt += errorRatio;
        // The epsilon keeps ratios such as 0.1 from drifting past their turn by floating-point rounding.
        if (errorDebt >= 1 - 1e-9) {
            errorDebt -= 1;
            return true;
        }
        return false;
    }

    private synchronized void record(int code, double seconds) {
        requestsByCode.merge(code, 1L, Long::sum);
        durationSum += seconds;
        durationCount++;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                bucketCounts.incrementAndGet(i);
            }
        }
    }

    private synchronized void metrics(HttpExchange exchange) throws IOException {
        String label = "version=\"" + version + "\"";
        StringBuilder text = new StringBuilder()
                .append("# HELP http_requests_total Requests to / by status code.\n")
                .append("# TYPE http_requests_total counter\n");
        requestsByCode.forEach((code, count) -> text.append("http_requests_total{code=\"").append(code).append("\",")
                .append(label).append("} ").append(count).append('\n'));
        text.append("# HELP http_request_duration_seconds Time to answer a request to /.\n")
                .append("# TYPE http_request_duration_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            text.append("http_request_duration_seconds_bucket{").append(label).append(",le=\"").append(BUCKETS[i])
                    .append("\"} ").append(bucketCounts.get(i)).append('\n');
        }
        text.append("http_request_duration_seconds_bucket{").append(label).append(",le=\"+Inf\"} ").append(durationCount).append('\n')
                .append("http_request_duration_seconds_sum{").append(label).append("} ").append(durationSum).append('\n')
                .append("http_request_duration_seconds_count{").append(label).append("} ").append(durationCount).append('\n')
                .append("# HELP demo_error_ratio The configured share of requests answered with 500.\n")
                .append("# TYPE demo_error_ratio gauge\n")
                .append("demo_error_ratio{").append(label).append("} ").append(errorRatio).append('\n');
        respond(exchange, 200, text.toString(), "text/plain; version=0.0.4");
    }

    private void setErrorRatio(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("PUT")) {
            respond(exchange, 405, "use PUT with a ratio between 0 and 1\n", "text/plain");
            return;
        }
        String body = new String(exchange.getRequestBody().readNBytes(64), StandardCharsets.UTF_8).strip();
        double ratio;
        try {
            ratio = ratio(body);
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, e.getMessage() + "\n", "text/plain");
            return;
        }
        synchronized (this) {
            errorRatio = ratio;
            errorDebt = 0;
        }
        System.out.println("demo " + version + " error ratio set to " + ratio);
        respond(exchange, 200, ratio + "\n", "text/plain");
    }

    private static double ratio(String text) {
        double ratio;
        try {
            ratio = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the error ratio must be a number between 0 and 1, was '" + text + "'");
        }
        if (!(ratio >= 0 && ratio <= 1)) {
            throw new IllegalArgumentException("the error ratio must be between 0 and 1, was " + text);
        }
        return ratio;
    }

    private static void respond(HttpExchange exchange, int code, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
