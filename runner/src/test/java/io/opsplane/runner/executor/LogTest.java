package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A job's log: merged, streamed, bounded, with control characters made visible. */
class LogTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void outputBeyondTheLimitIsDroppedAfterOneMarkerAndTheJobGoesOn(String executorName) throws Exception {
        long limit = 100_000;
        JobExecution execution = Jobs.job(workspace, "head -c 3000000 /dev/zero | tr '\\0' x", "touch finished")
                .limits(ResourceLimits.defaults().withMaxLogBytes(limit)).build();
        RecordingSink sink = new RecordingSink();

        ExecutionResult result = TestExecutors.named(executorName, scratch).start(execution, sink)
                .result().get(20, TimeUnit.SECONDS);

        byte[] log = sink.bytes();
        byte[] marker = BoundedLog.marker(limit);
        assertEquals(Outcome.SUCCESS, result.outcome());
        assertTrue(result.logTruncated());
        assertEquals(limit + marker.length, log.length);
        assertArrayEquals(marker, Arrays.copyOfRange(log, (int) limit, log.length));
        assertTrue(Files.exists(workspace.resolve("finished")), "the job ran on after the limit");
        assertTrue(sink.largestChunk() <= 64 * 1024, "chunks of at most 64 KiB");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void stdoutAndStderrAreMergedAndControlCharactersMadeVisible(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "echo out-" + marker, "echo err-" + marker + " >&2",
                        "printf 'nul\\0bell\\adel\\177tab\\tcolour\\033[31mred\\033[0m\\r\\n'").build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertFalse(job.result().logTruncated());
        assertTrue(job.log().contains("\nout-" + marker + "\n"), job.log());
        assertTrue(job.log().contains("\nerr-" + marker + "\n"), job.log());
        assertTrue(job.log().contains("nul^@bell^Gdel^?tab\tcolour\033[31mred\033[0m\r\n"), job.log());
    }
}
