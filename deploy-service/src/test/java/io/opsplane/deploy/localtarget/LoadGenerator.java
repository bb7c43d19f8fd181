package io.opsplane.deploy.localtarget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends requests one after another through the proxy on a thread of its own and keeps every answer. */
final class LoadGenerator implements AutoCloseable {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> answers = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    LoadGenerator(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(10)).build();
        thread = new Thread(() -> {
            while (running.get()) {
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    answers.add(response.statusCode() + " " + response.body().strip());
                } catch (IOException e) {
                    answers.add("failed: " + e);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "load-generator");
        thread.start();
    }

    /** Waits until {@code more} further answers came back, so each weight step is seen by real requests. */
    void awaitMore(int more) throws InterruptedException {
        int target = answers.size() + more;
        while (answers.size() < target && thread.isAlive()) {
            Thread.sleep(5);
        }
    }

    List<String> answers() {
        return List.copyOf(answers);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join();
    }
}
