package io.opsplane.testing;

import io.opsplane.platform.remotewrite.RemoteWriteBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Pushes samples into a metrics store the way Prometheus's remote write does ({@link RemoteWriteBody}: a
 * snappy-compressed {@code WriteRequest} protobuf POSTed to {@code <store>/api/v1/write}). So a test knows
 * exactly which samples the store holds.
 */
public final class RemoteWrite {

    /** One series: its labels ({@code __name__} included) and its samples, oldest first. */
    public record Series(Map<String, String> labels, List<Sample> samples) {
    }

    public record Sample(long timestampMs, double value) {
    }

    private RemoteWrite() {
    }

    /** The body a remote-write sender posts for {@code series}: a snappy-compressed WriteRequest. */
    public static byte[] body(List<Series> series) {
        return RemoteWriteBody.of(series.stream().map(s -> new RemoteWriteBody.Series(s.labels(),
                s.samples().stream().map(p -> new RemoteWriteBody.Sample(p.timestampMs(), p.value())).toList())).toList());
    }

    /** Pushes the series; fails with the store's answer when it does not take them. */
    public static void push(String store, List<Series> series) {
        byte[] body = body(series);
        HttpRequest request = HttpRequest.newBuilder(URI.create(store.replaceAll("/+$", "") + "/api/v1/write"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", RemoteWriteBody.CONTENT_TYPE)
                .header("Content-Encoding", RemoteWriteBody.CONTENT_ENCODING)
                .header(RemoteWriteBody.VERSION_HEADER, RemoteWriteBody.VERSION)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("the metrics store refused the samples: HTTP " + response.statusCode()
                        + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
