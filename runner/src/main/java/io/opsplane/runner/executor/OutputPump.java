package io.opsplane.runner.executor;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/** Copies a process's merged stdout and stderr into the job's log, as it comes, on a thread of its own. */
final class OutputPump {

    private final Thread thread;

    private OutputPump(Thread thread) {
        this.thread = thread;
    }

    static OutputPump start(InputStream output, BoundedLog log, String threadName) {
        Thread thread = new Thread(() -> copy(output, log), threadName);
        thread.setDaemon(true);
        thread.start();
        return new OutputPump(thread);
    }

    /** Whether the output ended within {@code max}; it stays open while any process holding it lives. */
    boolean awaitEnd(Duration max) throws InterruptedException {
        thread.join(Math.max(1, max.toMillis()));
        return !thread.isAlive();
    }

    private static void copy(InputStream output, BoundedLog log) {
        byte[] buffer = new byte[BoundedLog.CHUNK_BYTES];
        try (output) {
            int read;
            while ((read = output.read(buffer)) != -1) {
                log.append(buffer, 0, read);
            }
        } catch (IOException e) {
            // The stream was closed when the process was reaped; what was left in the pipe is lost with it.
        }
    }
}
