package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Process limits set with prlimit on the job's processes. */
class LimitsTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    // prlimit sets soft and hard limits; without CAP_SYS_RESOURCE it can only lower them, so the values stay low.
    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void theJobsProcessesGetTheLimits(String executorName) throws Exception {
        ResourceLimits limits = ResourceLimits.defaults().withMemoryBytes(256L * 1024 * 1024).withCpuSeconds(7)
                .withMaxProcesses(5000);
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "echo \"limits $(ulimit -v) $(ulimit -t) $(ulimit -u)\"").limits(limits).build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertTrue(job.log().contains("\nlimits 262144 7 5000\n"), job.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void aJobGrowingPastItsMemoryLimitFails(String executorName) throws Exception {
        ResourceLimits limits = ResourceLimits.defaults().withMemoryBytes(64L * 1024 * 1024);
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "big=$(head -c 200000000 /dev/zero | tr '\\0' x)", "echo grew to ${#big}")
                        .limits(limits).build());

        assertEquals(Outcome.FAILED, job.result().outcome(), job.log());
    }
}
