package io.opsplane.observability.metrics;

import io.opsplane.observability.metrics.MetricsStoreException.Kind;
import io.opsplane.proto.observability.v1.BuildInfoResult;
import io.opsplane.proto.observability.v1.LabelsResult;
import io.opsplane.proto.observability.v1.QueryResult;
import io.opsplane.proto.observability.v1.SeriesResult;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import io.opsplane.platform.text.PrintableText;

/**
 * The metrics store, reached only through its Prometheus HTTP API under one base URL: the local
 * Prometheus, or VictoriaMetrics, Mimir, Thanos at scale. Every request is bounded: the store is told
 * the timeout ({@code timeout=}), the HTTP call gives up a moment after it, and the answer is read with a
 * limit of samples (or of series and values). Parameters are checked here first, with a clear message;
 * the query itself is the store's to judge, and its message (with the position) is kept.
 */
public final class PrometheusClient {

    /** How much longer than the query's own timeout the HTTP call waits for the store to say so itself. */
    static final Duration GRACE = Duration.ofSeconds(2);
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    /** The longest query, selector or label name accepted: generous for PromQL, bounded for the store. */
    static final int MAX_QUERY_LENGTH = 64 * 1024;
    static final int MAX_MATCHERS = 100;

    private final URI base;
    private final HttpClient http;
    private final Duration maxTimeout;
    private final int maxSamples;

    /**
     * @param baseUrl    the API's base: {@code http(s)://host:port[/prefix]}, without query or fragment
     * @param maxTimeout the longest (and default) query timeout
     * @param maxSamples the most samples (and series, and label values) one answer may hold
     * @throws IllegalArgumentException naming what is wrong with a setting
     */
    public PrometheusClient(String baseUrl, Duration maxTimeout, int maxSamples, Duration connectTimeout) {
        this.base = baseUri(baseUrl);
        if (maxTimeout == null || maxTimeout.isNegative() || maxTimeout.isZero()) {
            throw new IllegalArgumentException("the query timeout must be more than zero");
        }
        if (maxSamples < 1) {
            throw new IllegalArgumentException("the sample limit must be at least 1, not " + maxSamples);
        }
        this.maxTimeout = maxTimeout;
        this.maxSamples = maxSamples;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI base() {
        return base;
    }

    public Duration maxTimeout() {
        return maxTimeout;
    }

    public int maxSamples() {
        return maxSamples;
    }

    /** An instant query at {@code time} (null: now). */
    public QueryResult query(String query, Instant time, Duration timeout) {
        Duration effective = timeout(timeout);
        Form form = new Form().add("query", query(query)).add("timeout", seconds(effective));
        if (time != null) {
            form.add("time", seconds(time));
        }
        return call("query", form, effective, (body, status) -> PrometheusResponses.query(body, status, maxSamples));
    }

    /** A range query from {@code start} to {@code end}, one point every {@code step}. */
    public QueryResult queryRange(String query, Instant start, Instant end, Duration step, Duration timeout) {
        Duration effective = timeout(timeout);
        if (start == null || end == null) {
            throw bad("start and end are required");
        }
        if (end.isBefore(start)) {
            throw bad("end " + end + " is before start " + start);
        }
        if (step == null || step.isNegative() || step.isZero()) {
            throw bad("step must be more than zero");
        }
        Form form = new Form().add("query", query(query)).add("start", seconds(start)).add("end", seconds(end))
                .add("step", seconds(step)).add("timeout", seconds(effective));
        return call("query_range", form, effective, (body, status) -> PrometheusResponses.query(body, status, maxSamples));
    }

    /** The series matching any of {@code match} (at least one) between start and end (each may be null). */
    public SeriesResult series(List<String> match, Instant start, Instant end) {
        if (match == null || match.isEmpty()) {
            throw bad("at least one series selector (match[]) is required");
        }
        Form form = range(matchers(new Form(), match), start, end);
        return call("series", form, maxTimeout, (body, status) -> PrometheusResponses.series(body, status, maxSamples));
    }

    /** Label names, of the series matching {@code match} when it is not empty. */
    public LabelsResult labels(List<String> match, Instant start, Instant end) {
        Form form = range(matchers(new Form(), match), start, end);
        return call("labels", form, maxTimeout, (body, status) -> PrometheusResponses.labels(body, status, maxSamples));
    }

    /** The values of label {@code name}. */
    public LabelsResult labelValues(String name, List<String> match, Instant start, Instant end) {
        if (name == null || !LABEL_NAME.matcher(name).matches() || name.length() > 1024) {
            throw bad("'" + PrintableText.of(name, 200) + "' is not a label name ([a-zA-Z_][a-zA-Z0-9_]*)");
        }
        Form form = range(matchers(new Form(), match), start, end);
        // This endpoint takes GET only (Prometheus 2.42).
        URI uri = URI.create(base + "/api/v1/label/" + name + "/values" + (form.isEmpty() ? "" : "?" + form));
        return send(HttpRequest.newBuilder(uri).GET(), "label/" + name + "/values", maxTimeout,
                (body, status) -> PrometheusResponses.labels(body, status, maxSamples));
    }

    public BuildInfoResult buildInfo() {
        URI uri = URI.create(base + "/api/v1/status/buildinfo");
        return send(HttpRequest.newBuilder(uri).GET(), "status/buildinfo", maxTimeout, PrometheusResponses::buildInfo);
    }

    /** The store's active scrape targets (Prometheus's and VictoriaMetrics's {@code /api/v1/targets}). */
    public List<ActiveTarget> targets(Duration timeout) {
        URI uri = URI.create(base + "/api/v1/targets?state=active");
        return send(HttpRequest.newBuilder(uri).GET(), "targets", timeout(timeout),
                (body, status) -> PrometheusResponses.targets(body, status, maxSamples));
    }

    // ------------------------------------------------------------------ parameters

    /** The requested timeout, at most the limit; none (or zero) is the limit. */
    Duration timeout(Duration requested) {
        if (requested == null || requested.isZero()) {
            return maxTimeout;
        }
        if (requested.isNegative()) {
            throw bad("timeout must not be negative");
        }
        return requested.compareTo(maxTimeout) > 0 ? maxTimeout : requested;
    }

    private static String query(String query) {
        if (query == null || query.isBlank()) {
            throw bad("query is empty");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw bad("query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        return query;
    }

    private static Form matchers(Form form, List<String> match) {
        if (match == null) {
            return form;
        }
        if (match.size() > MAX_MATCHERS) {
            throw bad("at most " + MAX_MATCHERS + " series selectors (match[]) are allowed, not " + match.size());
        }
        for (String selector : match) {
            if (selector == null || selector.isBlank()) {
                throw bad("a series selector (match[]) is empty");
            }
            if (selector.length() > MAX_QUERY_LENGTH) {
                throw bad("a series selector (match[]) is longer than " + MAX_QUERY_LENGTH + " characters");
            }
            form.add("match[]", selector);
        }
        return form;
    }

    private static Form range(Form form, Instant start, Instant end) {
        if (start != null && end != null && end.isBefore(start)) {
            throw bad("end " + end + " is before start " + start);
        }
        if (start != null) {
            form.add("start", seconds(start));
        }
        if (end != null) {
            form.add("end", seconds(end));
        }
        return form;
    }

    /** Seconds with millisecond precision, as the API takes them ({@code 1700000000.123}). */
    static String seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).stripTrailingZeros().toPlainString();
    }

    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ calls

    @FunctionalInterface
    private interface Reader<T> {
        T read(InputStream body, int status);
    }

    private <T> T call(String endpoint, Form form, Duration timeout, Reader<T> reader) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/" + endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
        return send(request, endpoint, timeout, reader);
    }

    private <T> T send(HttpRequest.Builder request, String endpoint, Duration timeout, Reader<T> reader) {
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.timeout(timeout.plus(GRACE)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw unavailable(endpoint, "no connection within the connect timeout", e);
        } catch (HttpTimeoutException e) {
            throw new MetricsStoreException(Kind.TIMEOUT, "the metrics store did not answer " + endpoint + " within "
                    + seconds(timeout) + "s", e);
        } catch (IOException e) {
            throw unavailable(endpoint, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsStoreException(Kind.CANCELED, "interrupted while waiting for the metrics store", e);
        }
        try (InputStream body = response.body()) {
            return reader.read(body, response.statusCode());
        } catch (IOException e) {
            throw unavailable(endpoint, e.getMessage(), e);
        }
    }

    private MetricsStoreException unavailable(String endpoint, String why, Exception cause) {
        return new MetricsStoreException(Kind.UNAVAILABLE, "the metrics store at " + base + " is unavailable ("
                + endpoint + ": " + why + ")", cause);
    }

    private static MetricsStoreException bad(String message) {
        return new MetricsStoreException(Kind.BAD_DATA, message);
    }

    static URI baseUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the metrics store URL is empty");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("the metrics store URL '" + PrintableText.of(url, 200) + "' is not a URL: "
                    + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("the metrics store URL '" + PrintableText.of(url, 200) + "' must be http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("the metrics store URL '" + PrintableText.of(url, 200)
                    + "' must be scheme://host[:port][/path], without credentials, query or fragment");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** An application/x-www-form-urlencoded body (or query string), in the order the fields were added. */
    static final class Form {
        private final List<String> pairs = new ArrayList<>();

        Form add(String name, String value) {
            pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8));
            return this;
        }

        boolean isEmpty() {
            return pairs.isEmpty();
        }

        @Override
        public String toString() {
            return String.join("&", pairs);
        }
    }
}
