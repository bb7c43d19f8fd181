package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cancel and timeout leave no process of the job behind: children, double-forked, setsid and renamed ones. */
class TerminationTest {

    private static final Duration SPAWN_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void cancelEndsEveryProcessOfTheJobWithSigterm(String executorName) throws Exception {
        String marker = Jobs.marker();
        List<String> script = new java.util.ArrayList<>(List.of("trap 'echo terminated-" + marker + "; exit 0' TERM"));
        script.addAll(List.of(Processes.spawningScript(marker)).subList(0, Processes.SPAWNED - 1));
        script.add("sleep " + marker + " & wait");
        // A long grace period: the job must end through SIGTERM, well before SIGKILL would come.
        JobExecution execution = Jobs.job(workspace).script(script).gracePeriod(Duration.ofSeconds(30))
                .afterScript(List.of("echo after-" + marker)).build();
        RecordingSink sink = new RecordingSink();
        RunningJob job = TestExecutors.named(executorName, scratch).start(execution, sink);
        assertEquals(Processes.SPAWNED, Processes.awaitAtLeast(marker, Processes.SPAWNED, SPAWN_WAIT).size(), sink.text());

        long canceledAt = System.nanoTime();
        job.cancel();
        ExecutionResult result = job.result().get(20, TimeUnit.SECONDS);

        assertTrue(Duration.ofNanos(System.nanoTime() - canceledAt).compareTo(Duration.ofSeconds(10)) < 0,
                "ended by SIGTERM, not after the grace period");
        assertEquals(List.of(), Processes.withMarker(marker), "processes of the job left after the result");
        assertEquals(Outcome.CANCELED, result.outcome(), sink.text());
        assertTrue(sink.text().contains("terminated-" + marker), "the job's TERM trap ran: " + sink.text());
        assertFalse(sink.text().contains("after-" + marker), "after_script does not run after a cancel");
        Jobs.assertEmptyDirectory(scratch);
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void aTimeoutEndsEveryProcessOfTheJobWithSigkillAfterTheGracePeriod(String executorName) throws Exception {
        String marker = Jobs.marker();
        List<String> script = new java.util.ArrayList<>(List.of("trap '' TERM"));
        script.addAll(List.of(Processes.spawningScript(marker)));
        Duration timeout = Duration.ofMillis(1500);
        Duration grace = Duration.ofMillis(300);
        JobExecution execution = Jobs.job(workspace).script(script).timeout(timeout).gracePeriod(grace)
                .afterScript(List.of("echo \"after-$CI_JOB_STATUS-" + marker + "\"")).build();
        RecordingSink sink = new RecordingSink();
        RunningJob job = TestExecutors.named(executorName, scratch).start(execution, sink);
        assertEquals(Processes.SPAWNED, Processes.awaitAtLeast(marker, Processes.SPAWNED, SPAWN_WAIT).size(), sink.text());

        ExecutionResult result = job.result().get(20, TimeUnit.SECONDS);

        assertEquals(List.of(), Processes.withMarker(marker), "processes of the job left after the result");
        assertEquals(Outcome.TIMED_OUT, result.outcome(), sink.text());
        assertEquals(FailureReasons.JOB_EXECUTION_TIMEOUT, result.failureReason());
        assertTrue(result.duration().compareTo(timeout.plus(grace)) >= 0, "SIGTERM was ignored, SIGKILL came after the grace period");
        assertTrue(sink.text().contains("after-failed-" + marker), "after_script runs after a timeout: " + sink.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void processesLeftByAFinishedScriptEndWithIt(String executorName) throws Exception {
        String marker = Jobs.marker();
        Jobs.Finished job = Jobs.run(TestExecutors.named(executorName, scratch),
                Jobs.job(workspace, "setsid sleep " + marker + " > /dev/null 2>&1 &", "( sleep " + marker + " & ) &",
                        "sleep 0.2").build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertEquals(List.of(), Processes.withMarker(marker));
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void theJobOutlivesTheThreadThatStartedIt(String executorName) throws Exception {
        // The parent-death signal fires when the starting thread ends; the executor starts processes on its own.
        String marker = Jobs.marker();
        JobExecutor executor = TestExecutors.named(executorName, scratch);
        RecordingSink sink = new RecordingSink();
        RunningJob[] job = new RunningJob[1];
        Thread starter = new Thread(() -> {
            try {
                job[0] = executor.start(Jobs.job(workspace, "sleep 0.5", "echo survived-" + marker).build(), sink);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        starter.join();

        ExecutionResult result = job[0].result().get(20, TimeUnit.SECONDS);

        assertEquals(Outcome.SUCCESS, result.outcome(), sink.text());
        assertTrue(sink.text().contains("\nsurvived-" + marker), sink.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"shell", "sandbox"})
    void cancelingAnEndedJobChangesNothing(String executorName) throws Exception {
        RunningJob job = TestExecutors.named(executorName, scratch).start(Jobs.job(workspace, "true").build(), new RecordingSink());
        ExecutionResult result = job.result().get(20, TimeUnit.SECONDS);

        job.cancel();

        assertEquals(Outcome.SUCCESS, job.result().get().outcome());
        assertEquals(result, job.result().get());
    }
}
