package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes of real instance processes, restarted with back-off. */
class InstanceSupervisorTest {

    /** Bounds waits for events that must come; nothing asserts how fast they come. */
    private static final long EVENT_WAIT_SECONDS = 60;
    private static final RestartBackoff FAST = new RestartBackoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));

    @TempDir
    Path folder;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private InstanceSupervisor supervisor;

    @BeforeEach
    void createSupervisor() {
        supervisor = new InstanceSupervisor(folder.resolve("logs"), FAST, new SupervisorEvents() {
            @Override
            public void running(RunningInstance instance) {
                events.add("running " + instance.name() + " pid " + instance.pid() + " port " + instance.port());
            }

            @Override
            public void crashed(InstanceExit exit, int crashesInARow, Duration restartIn) {
                events.add("crashed " + exit.name() + " code " + exit.exitCode() + " #" + crashesInARow + " in " + restartIn.toMillis());
            }

            @Override
            public void restartFailed(String name, String reason, int crashesInARow, Duration nextIn) {
                events.add("restart failed " + name + " #" + crashesInARow + " in " + nextIn.toMillis());
            }
        });
    }

    @AfterEach
    void stopAll() {
        supervisor.stop("web-1");
        supervisor.close();
    }

    @Test
    void aKilledInstanceIsRestartedOnItsPort() throws Exception {
        RunningInstance first = supervisor.run(DemoApp.spec("web-1"));
        assertEquals("running web-1 pid " + first.pid() + " port " + first.port(), next());

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();

        assertEquals("crashed web-1 code 137 #1 in 100", next());
        String running = next();
        assertTrue(running.startsWith("running web-1 pid ") && running.endsWith(" port " + first.port()), running);
        RunningInstance second = supervisor.current("web-1").orElseThrow();
        assertNotEquals(first.pid(), second.pid());
        assertEquals(200, DemoApp.get(second.port(), "/").statusCode(), "the restarted instance serves on the same port");
    }

    @Test
    void crashesInARowWaitLongerEachTime() throws Exception {
        RunningInstance instance = supervisor.run(DemoApp.spec("web-1"));
        next();
        for (String expected : List.of("crashed web-1 code 137 #1 in 100", "crashed web-1 code 137 #2 in 200",
                "crashed web-1 code 137 #3 in 400")) {
            ProcessHandle.of(instance.pid()).orElseThrow().destroyForcibly();
            assertEquals(expected, next());
            assertTrue(next().startsWith("running web-1"));
            instance = supervisor.current("web-1").orElseThrow();
        }
    }

    @Test
    void aStoppedInstanceStaysStopped() throws Exception {
        RunningInstance instance = supervisor.run(DemoApp.spec("web-1"));
        next();

        Optional<InstanceExit> exit = supervisor.stop("web-1");

        assertTrue(exit.orElseThrow().stopRequested());
        assertFalse(instance.isAlive());
        assertEquals(Optional.empty(), supervisor.current("web-1"));
        assertEquals(null, events.poll(1, TimeUnit.SECONDS), "no crash, no restart");
    }

    @Test
    void aRestartThatFailsIsRetriedWithALongerDelayUntilItWorks() throws Exception {
        // The program runs the demo app while the file 'healthy' exists, and otherwise fails at once.
        Path healthy = Files.createFile(folder.resolve("healthy"));
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "[ -e \"$1\" ] || { echo 'broken'; exit 1; }; shift; exec \"$@\"", "sh", healthy.toString()));
        command.addAll(DemoApp.command());
        RunningInstance instance = supervisor.run(InstanceSpec.of("web-1", command, folder).withReadyTimeout(Duration.ofSeconds(60)));
        next();
        Files.delete(healthy);

        ProcessHandle.of(instance.pid()).orElseThrow().destroyForcibly();

        assertEquals("crashed web-1 code 137 #1 in 100", next());
        assertEquals("restart failed web-1 #2 in 200", next());
        assertEquals("restart failed web-1 #3 in 400", next());
        Files.createFile(healthy);
        String event = next();
        while (event.startsWith("restart failed")) {
            event = next();
        }
        assertTrue(event.startsWith("running web-1"), event);
        assertEquals(200, DemoApp.get(instance.port(), "/").statusCode());
    }

    private String next() throws InterruptedException {
        String event = events.poll(EVENT_WAIT_SECONDS, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within " + EVENT_WAIT_SECONDS + " s");
        }
        return event;
    }
}
