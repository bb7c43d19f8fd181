package io.opsplane.observability.metrics;

import io.opsplane.observability.metrics.MetricsStoreException.Kind;
import io.opsplane.platform.remotewrite.RemoteWriteBody;
import io.opsplane.platform.text.PrintableText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Writes samples into the metrics store by Prometheus remote write ({@code POST <store>/api/v1/write}, a
 * snappy-compressed protobuf {@code WriteRequest}): what recording rules and the ALERTS series go back
 * into the store by, on any store that takes remote write.
 */
public final class RemoteWriter {

    private static final int MAX_ERROR_CHARACTERS = 512;

    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;

    public RemoteWriter(String baseUrl, Duration timeout, Duration connectTimeout) {
        URI base = PrometheusClient.baseUri(baseUrl);
        this.endpoint = URI.create(base.toString().replaceAll("/+$", "") + "/api/v1/write");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Writes the series; nothing to write is no call.
     *
     * @throws MetricsStoreException BAD_DATA when the store refuses them (out of order, duplicate, invalid), with its
     *     message; UNAVAILABLE when it does not answer
     */
    public void write(List<RemoteWriteBody.Series> series) {
        if (series.isEmpty()) {
            return;
        }
        writeEncoded(RemoteWriteBody.of(series), RemoteWriteBody.VERSION);
    }

    /**
     * Passes a body that is already encoded (what an external sender pushed) to the store, which checks it.
     *
     * @param version the sender's remote-write protocol version header
     * @throws MetricsStoreException as {@link #write}, and NOT_FOUND when the store takes no remote write
     */
    public void writeEncoded(byte[] body, String version) {
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", RemoteWriteBody.CONTENT_TYPE)
                .header("Content-Encoding", RemoteWriteBody.CONTENT_ENCODING)
                .header(RemoteWriteBody.VERSION_HEADER, version)
                .header("User-Agent", "opsplane-observability")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new MetricsStoreException(Kind.TIMEOUT, "remote write: the metrics store did not answer within "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new MetricsStoreException(Kind.UNAVAILABLE, "remote write: the metrics store at " + endpoint
                    + " does not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetricsStoreException(Kind.CANCELED, "remote write interrupted", e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        String answer = response.body() == null ? "" : response.body().strip();
        String message = "remote write: the metrics store answered HTTP " + status
                + (answer.isEmpty() ? "" : ": " + "'" + PrintableText.of(answer, MAX_ERROR_CHARACTERS) + "'");
        if (status == 404 || status == 405) {
            throw new MetricsStoreException(Kind.NOT_FOUND, message + " (the store takes no remote write; Prometheus "
                    + "needs --web.enable-remote-write-receiver)");
        }
        throw new MetricsStoreException(status / 100 == 4 ? Kind.BAD_DATA : Kind.UNAVAILABLE, message);
    }
}
