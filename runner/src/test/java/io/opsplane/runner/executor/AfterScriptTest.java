package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** after_script: a shell of its own after the script, whatever the script did, not changing the result. */
class AfterScriptTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void runsAfterAFailingScriptInAShellOfItsOwn(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "IN_SCRIPT=set", "exit 3")
                        .variables(Map.of("MARK", marker))
                        .afterScript(List.of("echo \"after-$CI_JOB_STATUS-$MARK-[${IN_SCRIPT:-unset}]\"")).build());

        assertEquals(Outcome.FAILED, job.result().outcome(), job.log());
        assertEquals(3, job.result().exitCode());
        assertTrue(job.log().contains("Running after_script\n"), job.log());
        assertTrue(job.log().contains("\nafter-failed-" + marker + "-[unset]\n"), job.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void itsFailureAndTimeoutDoNotChangeTheResult(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished failing = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "true").afterScript(List.of("echo \"after-$CI_JOB_STATUS\"", "exit 7")).build());
        Jobs.Finished slow = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "true").afterScript(List.of("sleep " + marker))
                        .afterScriptTimeout(Duration.ofMillis(300)).gracePeriod(Duration.ofMillis(100)).build());

        assertEquals(Outcome.SUCCESS, failing.result().outcome(), failing.log());
        assertEquals(0, failing.result().exitCode());
        assertTrue(failing.log().contains("\nafter-success\n"), failing.log());
        assertEquals(Outcome.SUCCESS, slow.result().outcome(), slow.log());
        assertTrue(slow.log().contains("after_script exceeded its timeout"), slow.log());
        assertEquals(List.of(), Processes.withMarker(marker));
    }
}
