package io.opsplane.deploy.traffic.haproxy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Sends real requests through the proxy and counts the answers. */
final class ProxyClient {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Answer body (or "HTTP <code>" for a non-200) → how many times it came back. */
    Map<String, Integer> count(int port, int requests) throws IOException, InterruptedException {
        Map<String, Integer> answers = new TreeMap<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).build();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            answers.merge(response.statusCode() == 200 ? response.body() : "HTTP " + response.statusCode(), 1, Integer::sum);
        }
        return answers;
    }
}
