package io.opsplane.runner.executor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Keeps what a job logged, and the largest chunk it came in. */
final class RecordingSink implements LogSink {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int largestChunk;

    @Override
    public synchronized void write(byte[] chunk, int offset, int length) {
        bytes.write(chunk, offset, length);
        largestChunk = Math.max(largestChunk, length);
    }

    synchronized byte[] bytes() {
        return bytes.toByteArray();
    }

    synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    synchronized int largestChunk() {
        return largestChunk;
    }
}
