package io.opsplane.runner.executor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Finds processes on this machine by a marker in their arguments, as ps would, through /proc. */
final class Processes {

    private Processes() {
    }

    /** Command lines (NULs shown as spaces) of live processes whose arguments contain the marker. */
    static List<String> withMarker(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                try {
                    String commandLine = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (commandLine.contains(marker)) {
                        found.add(entry.getFileName() + ": " + commandLine);
                    }
                } catch (IOException e) {
                    // The process ended while being looked at.
                }
            }
        }
        return found;
    }

    /** Waits until at least {@code count} processes carry the marker; returns what it saw last. */
    static List<String> awaitAtLeast(String marker, int count, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> found = withMarker(marker);
        while (found.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = withMarker(marker);
        }
        return found;
    }

    /** Waits until no process carries the marker; returns what it saw last. */
    static List<String> awaitNone(String marker, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> found = withMarker(marker);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            found = withMarker(marker);
        }
        return found;
    }

    /**
     * Script lines leaving five processes with the marker: a child, a double-forked one, a setsid one, one
     * renamed with exec -a, and the script's own foreground sleep.
     */
    static String[] spawningScript(String marker) {
        return new String[] {
                "sleep " + marker + " &",
                "( sleep " + marker + " & ) &",
                "setsid sleep " + marker + " &",
                "(exec -a zz-" + marker + " sleep 600) &",
                "sleep " + marker,
        };
    }

    static final int SPAWNED = 5;
}
