package io.opsplane.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server binary of the test run's own: a free loopback port, a temporary folder for its files and its log, started
 * and waited for until its readiness URL answers 200, stopped and its folder removed by {@link #close()}. A missing
 * binary fails naming the Debian package that ships it.
 */
final class LocalServer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path folder;
    private final Path log;
    private final String url;

    private LocalServer(String name, Process process, Path folder, Path log, String url) {
        this.name = name;
        this.process = process;
        this.folder = folder;
        this.log = log;
        this.url = url;
    }

    /** A free loopback port and a new temporary folder, for the arguments of {@link #start}. */
    record Place(int port, Path folder) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    static Place place(String prefix) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Place(socket.getLocalPort(), Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs {@code command} (its first element the binary), logging to {@code <folder>/<name>.log}, and waits up to
     * 30 s for {@code readyPath} to answer 200.
     *
     * @param missing what to say when the binary cannot be run: how to install it
     */
    static LocalServer start(String name, Place place, List<String> command, String readyPath, String missing) {
        Process process;
        Path log = place.folder().resolve(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + ".log");
        try {
            process = new ProcessBuilder(command).directory(place.folder().toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteFolder(place.folder());
            throw new IllegalStateException(name + " is not installed: " + missing, e);
        }
        LocalServer server = new LocalServer(name, process, place.folder(), log, place.url());
        server.awaitReady(readyPath, Duration.ofSeconds(30));
        return server;
    }

    String url() {
        return url;
    }

    /** The last lines of the server's log, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitReady(String readyPath, Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                String tail = logTail();
                close();
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " during start-up:\n"
                        + tail);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create(url + readyPath))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String tail = logTail();
        close();
        throw new IllegalStateException(name + " was not ready on " + url + " within " + within + "; log " + log
                + ":\n" + tail);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteFolder(folder);
    }

    static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary folder; the next run does not depend on it
        }
    }
}
