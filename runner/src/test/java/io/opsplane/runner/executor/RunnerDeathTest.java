package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** When the runner's JVM dies (SIGKILL: no shutdown hook runs), nothing of its jobs survives. */
class RunnerDeathTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void killingTheRunnerKillsEveryProcessOfItsJobs(String executorName) throws Exception {
        TestExecutors.named(executorName, scratch);
        String marker = Jobs.marker();
        ProcessBuilder starter = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JobInChildJvm.class.getName(),
                executorName, workspace.toString(), scratch.toString());
        // In the environment, not the arguments: the child JVM must not count as a process of the job.
        starter.environment().put(JobInChildJvm.MARKER, marker);
        Process runner = starter.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            List<String> running = Processes.awaitAtLeast(marker, Processes.SPAWNED, Duration.ofSeconds(15));
            assertEquals(Processes.SPAWNED, running.size(), "the job in the child JVM did not start: " + running);

            runner.destroyForcibly();
            runner.waitFor(10, TimeUnit.SECONDS);

            // The kernel delivers the parent-death signals and ends the namespace asynchronously.
            assertEquals(List.of(), Processes.awaitNone(marker, Duration.ofSeconds(5)), "processes outlived the runner");
        } finally {
            runner.destroyForcibly();
        }
    }
}
