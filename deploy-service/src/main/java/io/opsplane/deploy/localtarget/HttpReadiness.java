package io.opsplane.deploy.localtarget;

import io.opsplane.deploy.process.ProcessLiveness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

/** Polls an instance's health endpoint until it answers 2xx, its process ends, or time runs out. */
final class HttpReadiness {

    private static final long POLL_MILLIS = 100;
    private static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(2);

    private final HttpClient client;

    HttpReadiness(HttpClient client) {
        this.client = client;
    }

    /** @return null when ready, else why not (the caller adds the log) */
    String await(ProcessHandle process, Supplier<String> howItEnded, int port, String path, Duration timeout)
            throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "nothing answered";
        while (true) {
            if (!ProcessLiveness.isRunning(process)) {
                return howItEnded.get() + " before it was ready";
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return "was not ready within " + timeout.toMillis() + " ms: GET " + uri + ": " + lastAnswer;
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofNanos(Math.min(remaining, MAX_REQUEST_TIME.toNanos()))).GET().build();
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return null;
                }
                lastAnswer = "the last answer was HTTP " + status;
            } catch (IOException e) {
                // Not listening yet (connection refused) is the usual answer while the program starts.
                lastAnswer = "the last attempt failed: " + e;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
