package io.opsplane.runner;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.masking.Masker;
import io.opsplane.platform.masking.MaskingStream;
import io.opsplane.proto.pipeline.v1.AppendLogRequest;
import io.opsplane.proto.pipeline.v1.AppendLogResponse;
import io.opsplane.proto.pipeline.v1.RunnerServiceGrpc.RunnerServiceBlockingStub;
import io.opsplane.runner.executor.LogSink;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Masks a job's output and ships it to pipeline-service in order, at byte offsets (a repeated send after a
 * lost answer is stored once). Secrets are masked here, before anything leaves the machine, also when a
 * secret is split across two writes. Output is decoded as UTF-8 (invalid bytes become U+FFFD) because the
 * masking works on text.
 */
final class LogShipper implements LogSink {

    static final int SEND_AT_BYTES = 64 * 1024;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final RunnerServiceBlockingStub runners;
    private final String attemptId;
    private final long fencingToken;
    private final MaskingStream masking;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer undecoded = ByteBuffer.allocate(8);
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long offset;
    private volatile boolean cancelRequested;
    private volatile boolean lost;

    LogShipper(RunnerServiceBlockingStub runners, String attemptId, long fencingToken, Masker masker) {
        this.runners = runners;
        this.attemptId = attemptId;
        this.fencingToken = fencingToken;
        this.masking = masker.stream();
    }

    @Override
    public synchronized void write(byte[] chunk, int from, int length) {
        CharBuffer text = CharBuffer.allocate(length + undecoded.position() + 1);
        ByteBuffer in = ByteBuffer.allocate(undecoded.position() + length);
        undecoded.flip();
        in.put(undecoded).put(chunk, from, length).flip();
        undecoded.clear();
        decoder.decode(in, text, false);
        // An incomplete character at the end waits for the next write.
        undecoded.put(in);
        text.flip();
        queue(masking.write(text));
        if (pending.size() >= SEND_AT_BYTES) {
            flush();
        }
    }

    /** A line of the runner's own (not the job's), through the same masking. */
    synchronized void notice(String line) {
        queue(masking.write(line + "\n"));
    }

    /** Sends what is buffered; called by the timer and at the end. */
    synchronized void flush() {
        if (pending.size() == 0 || lost) {
            return;
        }
        byte[] data = pending.toByteArray();
        pending.reset();
        try {
            AppendLogResponse response = RetryingCalls.call(() -> runners.appendLog(AppendLogRequest.newBuilder()
                    .setAttemptId(attemptId).setFencingToken(fencingToken).setOffset(offset)
                    .setData(ByteString.copyFrom(data)).build()), GIVE_UP_AFTER);
            offset = response.getNextOffset();
            cancelRequested |= response.getCancelRequested();
        } catch (StatusRuntimeException e) {
            if (RetryingCalls.isLost(e)) {
                lost = true;
            } else {
                throw e;
            }
        }
    }

    /** The last bytes of a log, at their offset, for the result to carry. */
    record Tail(long offset, byte[] data) {
    }

    /**
     * The end of the output: what masking held back. What is left to send, up to {@value #SEND_AT_BYTES} bytes,
     * is returned for the result to carry (one call instead of two); more than that is sent now.
     */
    synchronized Tail finish() {
        undecoded.flip();
        CharBuffer rest = CharBuffer.allocate(16);
        decoder.decode(undecoded, rest, true);
        decoder.flush(rest);
        rest.flip();
        queue(masking.write(rest));
        queue(masking.finish());
        if (pending.size() > SEND_AT_BYTES) {
            flush();
        }
        byte[] data = pending.toByteArray();
        pending.reset();
        return new Tail(offset, data);
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    boolean lost() {
        return lost;
    }

    private void queue(String masked) {
        byte[] bytes = masked.getBytes(StandardCharsets.UTF_8);
        pending.write(bytes, 0, bytes.length);
    }
}
