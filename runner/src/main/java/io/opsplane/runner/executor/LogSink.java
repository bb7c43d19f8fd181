package io.opsplane.runner.executor;

/**
 * Receives a job's log: stdout and stderr merged, as they come, in chunks of at most 64 KiB.
 * Called from one thread at a time (a reader thread, not the caller's); the chunk array is reused
 * after the call returns, so copy what must be kept. Masking secrets and shipping is the caller's part.
 */
@FunctionalInterface
public interface LogSink {

    void write(byte[] chunk, int offset, int length);
}
