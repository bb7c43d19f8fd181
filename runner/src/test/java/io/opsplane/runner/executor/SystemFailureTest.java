package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A confinement that never ran the script is the runner's failure, not the script's. */
class SystemFailureTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @Test
    void aConfinementEndingBeforeTheScriptRanIsASystemFailure() throws Exception {
        RecordingSink sink = new RecordingSink();
        ExecutionResult result = run(List.of("bash", "-c", "echo 'bwrap: cannot set up the sandbox' >&2; exit 1"), sink);

        assertEquals(Outcome.SYSTEM_FAILURE, result.outcome());
        assertEquals(FailureReasons.RUNNER_SYSTEM_FAILURE, result.failureReason());
        assertEquals(1, result.exitCode());
        assertTrue(sink.text().contains("bwrap: cannot set up the sandbox"), sink.text());
    }

    @Test
    void aConfinementThatCannotStartIsASystemFailure() throws Exception {
        RecordingSink sink = new RecordingSink();
        ExecutionResult result = run(List.of(scratch.resolve("no-such-program").toString()), sink);

        assertEquals(Outcome.SYSTEM_FAILURE, result.outcome());
        assertTrue(sink.text().contains("ERROR: the runner could not run the job"), sink.text());
        Jobs.assertEmptyDirectory(scratch);
    }

    private ExecutionResult run(List<String> command, RecordingSink sink) throws Exception {
        JobExecution execution = Jobs.job(workspace, "true").build();
        JobFiles files = JobFiles.create(scratch, execution);
        PhaseLauncher launcher = new PhaseLauncher() {
            @Override
            public ProcessBuilder processFor(Phase phase, Map<String, String> runnerVariables) {
                return JobProcesses.builder(command, Map.of("PATH", SystemTools.PATH), workspace);
            }

            @Override
            public String initScript() {
                return InnerCommand.initScript(files.dir());
            }
        };
        return ProcessJob.start(execution, files, launcher, sink).result().get(20, TimeUnit.SECONDS);
    }
}
