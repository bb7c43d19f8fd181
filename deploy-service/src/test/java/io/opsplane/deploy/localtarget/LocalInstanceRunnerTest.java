package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real instance processes: the demo application, and shell commands that fail in the ways programs fail. */
class LocalInstanceRunnerTest {

    /** Only bounds a wait for an exit that must come; nothing asserts how fast it comes. */
    private static final long EXIT_WAIT_SECONDS = 60;

    @TempDir
    Path folder;

    private final BlockingQueue<InstanceExit> exits = new LinkedBlockingQueue<>();
    private final List<RunningInstance> started = new ArrayList<>();
    private LocalInstanceRunner runner;

    @BeforeEach
    void createRunner() {
        runner = new LocalInstanceRunner(folder.resolve("logs"), exits::add);
    }

    @AfterEach
    void stopEverything() {
        started.stream().filter(RunningInstance::isAlive).forEach(RunningInstance::stop);
        runner.close();
    }

    @Test
    void anInstanceServesOnThePortItWasGivenLogsAndStopsWhenAsked() throws Exception {
        RunningInstance instance = start(DemoApp.spec("web-1").withEnvironment(Map.of("DEMO_VERSION", "v7")));

        assertEquals("demo v7\n", DemoApp.get(instance.port(), "/").body());
        assertTrue(Files.readString(instance.log()).contains("demo v7 listening on 127.0.0.1:" + instance.port()),
                "its output is in its log");

        InstanceExit exit = instance.stop();

        assertEquals(new InstanceExit("web-1", instance.pid(), 143, true), exit, "the JVM ended on SIGTERM");
        assertFalse(instance.isAlive());
        assertEquals(exit, exits.poll(EXIT_WAIT_SECONDS, TimeUnit.SECONDS), "the listener heard of the exit");
        assertTrue(Files.readString(instance.log()).contains("demo v7 stopping"), "it shut down gracefully");
    }

    @Test
    void anInstanceKilledFromOutsideIsReportedAsACrash() throws Exception {
        RunningInstance instance = start(DemoApp.spec("web-1"));

        ProcessHandle.of(instance.pid()).orElseThrow().destroyForcibly();

        InstanceExit exit = exits.poll(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new InstanceExit("web-1", instance.pid(), 137, false), exit);
        assertTrue(exit.crashed());
    }

    @ParameterizedTest
    @CsvSource({
            // stop delay of the demo app (ms) | exit code: 143 ended on SIGTERM, 137 killed after the grace period
            "0,     143",
            "600000, 137",
    })
    void stoppingWaitsForTheGracePeriodThenKills(long stopDelayMillis, int exitCode) throws Exception {
        RunningInstance instance = start(DemoApp.spec("web-1").withStopGrace(Duration.ofSeconds(3))
                .withEnvironment(Map.of("DEMO_STOP_DELAY_MS", Long.toString(stopDelayMillis))));

        assertEquals(exitCode, instance.stop().exitCode());
        assertFalse(instance.isAlive());
    }

    @Test
    void theInstanceGetsOnlyItsOwnEnvironmentAndItsPort() throws Exception {
        Path environmentFile = folder.resolve("environment.txt");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "env > \"$1\"; shift; exec \"$@\"", "sh", environmentFile.toString()));
        command.addAll(DemoApp.command());
        RunningInstance instance = start(InstanceSpec.of("web-1", command, folder).withEnvironment(Map.of("GREETING", "a b;$(c)")));

        Map<String, String> seen = Files.readAllLines(environmentFile).stream().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')), line -> line.substring(line.indexOf('=') + 1),
                        (a, b) -> a));
        assertEquals(Integer.toString(instance.port()), seen.get("PORT"));
        assertEquals("a b;$(c)", seen.get("GREETING"), "values reach the program as they are, never as shell text");
        Set<String> leaked = System.getenv().keySet().stream()
                .filter(variable -> seen.containsKey(variable) && !Set.of("PATH", "PWD", "SHLVL", "_", "OLDPWD").contains(variable))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), leaked, "nothing of this process's environment reaches the instance");
    }

    @Test
    void aProgramThatExitsWhileStartingFailsTheStartWithItsCodeAndOutput() {
        InstanceSpec spec = InstanceSpec.of("web-1", List.of("/bin/sh", "-c", "echo 'no configuration found' >&2; exit 3"), folder);

        InstanceStartException error = assertThrows(InstanceStartException.class, () -> runner.start(spec));

        assertTrue(error.getMessage().contains("exited with code 3 before it was ready"), error.getMessage());
        assertTrue(error.getMessage().endsWith("no configuration found"), error.getMessage());
    }

    @Test
    void aProgramThatNeverBecomesReadyIsStoppedAfterTheTimeout() throws Exception {
        Path pidFile = folder.resolve("pid");
        InstanceSpec spec = InstanceSpec.of("web-1", List.of("/bin/sh", "-c", "echo $$ > \"$1\"; exec sleep 600", "sh", pidFile.toString()),
                folder).withReadyTimeout(Duration.ofSeconds(1));

        InstanceStartException error = assertThrows(InstanceStartException.class, () -> runner.start(spec));

        assertTrue(error.getMessage().contains("was not ready within 1000 ms: GET http://127.0.0.1:"), error.getMessage());
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "nothing of a failed start is left running");
    }

    @Test
    void aHealthEndpointThatAnswersAnErrorIsNotReady() {
        InstanceSpec spec = DemoApp.spec("web-1").withHealthPath("/missing").withReadyTimeout(Duration.ofSeconds(20));

        InstanceStartException error = assertThrows(InstanceStartException.class, () -> runner.start(spec));

        assertTrue(error.getMessage().contains("the last answer was HTTP 404"), error.getMessage());
    }

    @Test
    void aProgramThatDoesNotExistFailsTheStart() {
        InstanceSpec spec = InstanceSpec.of("web-1", List.of(folder.resolve("no-such-program").toString()), folder);

        InstanceStartException error = assertThrows(InstanceStartException.class, () -> runner.start(spec));

        assertTrue(error.getMessage().contains("could not be started"), error.getMessage());
        assertTrue(error.getMessage().contains("no-such-program"), error.getMessage());
    }

    @Test
    void twoInstancesOfOneNameDoNotRunAtOnceButANameIsFreeAgainAfterTheExit() throws Exception {
        RunningInstance first = start(DemoApp.spec("web-1"));

        assertThrows(InstanceStartException.class, () -> runner.start(DemoApp.spec("web-1")));

        first.stop();
        exits.poll(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        RunningInstance second = start(DemoApp.spec("web-1"));
        assertTrue(second.isAlive());
    }

    private RunningInstance start(InstanceSpec spec) {
        RunningInstance instance = runner.start(spec);
        started.add(instance);
        return instance;
    }
}
