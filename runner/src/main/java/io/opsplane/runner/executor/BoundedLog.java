package io.opsplane.runner.executor;

import java.nio.charset.StandardCharsets;

/**
 * A job's log on its way to the {@link LogSink}: control characters made visible, at most
 * {@code maxBytes} bytes passed on, then one marker line, and everything later read and dropped
 * (the job goes on: stopping to read would block it on a full pipe).
 */
final class BoundedLog {

    static final int CHUNK_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(BoundedLog.class.getName());

    private final LogSink sink;
    private final long maxBytes;
    private final byte[] pending = new byte[CHUNK_BYTES];
    private int pendingBytes;
    private long passedBytes;
    private boolean truncated;
    private boolean closed;
    private boolean sinkFailed;

    BoundedLog(LogSink sink, long maxBytes) {
        this.sink = sink;
        this.maxBytes = maxBytes;
    }

    /** The line written once the limit is reached. */
    static byte[] marker(long maxBytes) {
        return ("\nJob's log exceeded the limit of " + maxBytes
                + " bytes; the job goes on but its later output is not kept.\n").getBytes(StandardCharsets.UTF_8);
    }

    synchronized void append(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length && !truncated && !closed; i++) {
            byte b = bytes[i];
            if (ControlCharacters.kept(b)) {
                put(b);
            } else {
                put((byte) '^');
                put(ControlCharacters.caretOf(b));
            }
        }
        flush();
    }

    /** A line of the runner's own (not the job's), e.g. where after_script starts. */
    void note(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        append(bytes, 0, bytes.length);
    }

    synchronized boolean truncated() {
        return truncated;
    }

    /** Nothing reaches the sink afterwards: the result is complete, late output of a stray process is dropped. */
    synchronized void close() {
        closed = true;
    }

    private void put(byte b) {
        if (truncated || closed) {
            return;
        }
        if (passedBytes + pendingBytes == maxBytes) {
            flush();
            byte[] marker = marker(maxBytes);
            send(marker, marker.length);
            truncated = true;
            return;
        }
        pending[pendingBytes++] = b;
        if (pendingBytes == pending.length) {
            flush();
        }
    }

    private void flush() {
        if (pendingBytes > 0) {
            passedBytes += pendingBytes;
            send(pending, pendingBytes);
            pendingBytes = 0;
        }
    }

    // A failing sink must not stop the reading: the job would block writing to a full pipe.
    private void send(byte[] bytes, int length) {
        if (sinkFailed) {
            return;
        }
        try {
            sink.write(bytes, 0, length);
        } catch (RuntimeException e) {
            sinkFailed = true;
            LOG.log(System.Logger.Level.WARNING, "log sink failed; the rest of the job's log is dropped", e);
        }
    }
}
