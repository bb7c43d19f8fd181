package io.opsplane.deploy.localtarget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The demo application of {@code examples/demo-app}, run from its source by this JDK's launcher, and a client for it. */
final class DemoApp {

    static final Path SOURCE = Path.of("..", "examples", "demo-app", "DemoApp.java").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private DemoApp() {
    }

    static List<String> command() {
        if (!Files.isRegularFile(SOURCE)) {
            throw new IllegalStateException("the demo application is missing at " + SOURCE);
        }
        // A small heap and the client compiler: it starts faster and several fit next to the build.
        return List.of(java(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", SOURCE.toString());
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static InstanceSpec spec(String name) {
        return InstanceSpec.of(name, command(), SOURCE.getParent()).withReadyTimeout(Duration.ofSeconds(60));
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> put(int port, String path, String body) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
