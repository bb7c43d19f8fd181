package io.opsplane.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * HTTP calls of the benchmarks to the platform: HTTP/1.1 with kept-alive connections, the admin's bearer token,
 * a deadline on every call, and failures that name the call, the status and the start of the answer.
 */
final class BenchHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    BenchHttp(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }

    /** A request with the token (when {@code authorised}) and the deadline. */
    HttpRequest.Builder request(String url, boolean authorised) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT);
        return authorised ? builder.header("Authorization", "Bearer " + token) : builder;
    }

    /** Sends; throws {@link CallFailed} unless the status is one of {@code expected}. */
    HttpResponse<String> send(HttpRequest request, int... expected) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CallFailed(describe(request) + ": no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw new CallFailed(describe(request) + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(describe(request) + ": interrupted");
        }
        if (Arrays.stream(expected).noneMatch(status -> status == response.statusCode())) {
            throw new CallFailed(describe(request) + " answered " + response.statusCode() + ": "
                    + excerpt(response.body()));
        }
        return response;
    }

    /** Sends a body of bytes; the answer as bytes, whatever its status (the caller decides). */
    HttpResponse<byte[]> sendBytes(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    String get(String url, boolean authorised) {
        return send(request(url, authorised).GET().build(), 200).body();
    }

    String put(String url, String contentType, String body) {
        return send(request(url, true).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), 200).body();
    }

    void delete(String url) {
        send(request(url, true).DELETE().build(), 200, 204, 404);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String excerpt(String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static String describe(HttpRequest request) {
        String uri = request.uri().toString();
        int query = uri.indexOf('?');
        return request.method() + " " + (query < 0 ? uri : uri.substring(0, query));
    }

    /** A call that did not answer as expected. */
    static final class CallFailed extends RuntimeException {
        CallFailed(String message) {
            super(message);
        }
    }
}
