package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Runs jobs for the tests with short timeouts. */
final class Jobs {

    static final Duration RESULT_WAIT = Duration.ofSeconds(20);

    record Finished(ExecutionResult result, String log) {
    }

    private Jobs() {
    }

    /** A job id and argument marker no other test uses, e.g. {@code 600.123456789} (a valid sleep duration). */
    static String marker() {
        return "600." + ThreadLocalRandom.current().nextLong(100_000_000L, 1_000_000_000L);
    }

    static JobExecution.Builder job(Path workspace, String... script) {
        return JobExecution.builder("test-" + marker(), workspace)
                .script(script)
                .timeout(Duration.ofSeconds(15))
                .afterScriptTimeout(Duration.ofSeconds(5))
                .gracePeriod(Duration.ofSeconds(2));
    }

    static Finished run(JobExecutor executor, JobExecution execution) throws Exception {
        RecordingSink sink = new RecordingSink();
        RunningJob job = executor.start(execution, sink);
        ExecutionResult result = job.result().get(RESULT_WAIT.toSeconds(), TimeUnit.SECONDS);
        return new Finished(result, sink.text());
    }

    static void assertEmptyDirectory(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            assertTrue(entries.findAny().isEmpty(), directory + " still holds files");
        }
    }
}
