package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GitLab's script semantics: one bash -eo pipefail for before_script and script, its exit code the job's. */
class ScriptSemanticsTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void aScriptExitingWithZeroSucceeds(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "echo ran-" + marker).build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertEquals(0, job.result().exitCode());
        assertNull(job.result().failureReason());
        assertTrue(job.log().contains("$ echo ran-" + marker), "the command is echoed GitLab style: " + job.log());
        assertTrue(job.log().contains("\nran-" + marker + "\n"), job.log());
        Jobs.assertEmptyDirectory(scratch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void theScriptsExitCodeIsTheJobs(String executorName) throws Exception {
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch), Jobs.job(workspace, "exit 42").build());

        assertEquals(Outcome.FAILED, job.result().outcome(), job.log());
        assertEquals(42, job.result().exitCode());
        assertEquals(FailureReasons.SCRIPT_FAILURE, job.result().failureReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void aFailingCommandStopsTheScript(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "echo before-" + marker, "ls /no/such/path", "echo after-" + marker).build());

        assertEquals(Outcome.FAILED, job.result().outcome(), job.log());
        assertEquals(2, job.result().exitCode(), "ls's exit code");
        assertTrue(job.log().contains("before-" + marker), job.log());
        assertFalse(job.log().contains("after-" + marker), job.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void aFailureInsideAPipelineFailsTheJob(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "false | true", "echo after-" + marker).build());

        assertEquals(Outcome.FAILED, job.result().outcome(), job.log());
        assertEquals(1, job.result().exitCode());
        assertFalse(job.log().contains("after-" + marker), job.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void beforeScriptAndScriptShareOneShell(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "echo \"shared-$SHARED\"", "pwd")
                        .beforeScript(List.of("SHARED=" + marker, "cd /")).build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertTrue(job.log().contains("\nshared-" + marker + "\n"), job.log());
        assertTrue(job.log().contains("\n/\n"), "cd in before_script holds in script: " + job.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void theJobStartsInItsWorkspace(String executorName) throws Exception {
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch), Jobs.job(workspace, "pwd").build());

        assertTrue(job.log().contains("\n" + workspace + "\n"), job.log());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void aMissingWorkspaceIsRefused(String executorName) {
        JobExecutor executor = TestExecutors.named(executorName, scratch);
        JobExecution execution = Jobs.job(workspace.resolve("absent"), "true").build();

        assertThrows(NoSuchFileException.class, () -> executor.start(execution, new RecordingSink()));
    }
}
