package io.opsplane.deploy.localtarget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.process.LoopbackPorts;
import io.opsplane.deploy.process.ProcessLiveness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances that outlived the runner that started them, as after a deploy-service restart, taken
 * over by a new runner. The orphans here are real: a shell starts the demo app in the background
 * and exits, so the instance is no child of this JVM.
 */
class LocalInstanceAdoptionTest {

    private static final long EXIT_WAIT_SECONDS = 60;

    @TempDir
    Path folder;

    private final BlockingQueue<InstanceExit> exits = new LinkedBlockingQueue<>();
    private final List<Long> orphans = new ArrayList<>();
    private final List<LocalInstanceRunner> runners = new ArrayList<>();

    @AfterEach
    void killOrphansAndCloseRunners() {
        orphans.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        runners.forEach(LocalInstanceRunner::close);
    }

    @Test
    void anOrphanedInstanceIsAdoptedAndItsCrashReported() throws Exception {
        int port = LoopbackPorts.free();
        ProcessHandle orphan = startOrphan(port);

        RunningInstance adopted = runner().adopt(DemoApp.spec("web-1"), orphan.pid(), startOf(orphan), port).orElseThrow();

        assertEquals("demo v1\n", DemoApp.get(adopted.port(), "/").body());
        orphan.destroyForcibly();
        InstanceExit exit = exits.poll(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        assertEquals(new InstanceExit("web-1", orphan.pid(), InstanceExit.UNKNOWN_EXIT_CODE, false), exit);
    }

    @Test
    void anAdoptedInstanceStopsWhenAsked() throws Exception {
        int port = LoopbackPorts.free();
        ProcessHandle orphan = startOrphan(port);
        RunningInstance adopted = runner().adopt(DemoApp.spec("web-1"), orphan.pid(), startOf(orphan), port).orElseThrow();

        InstanceExit exit = adopted.stop();

        assertTrue(exit.stopRequested());
        assertFalse(ProcessLiveness.isRunning(orphan));
        assertEquals(exit, exits.poll(EXIT_WAIT_SECONDS, TimeUnit.SECONDS), "reported once, to the listener too");
        assertEquals(null, exits.poll(1, TimeUnit.SECONDS), "and only once");
    }

    @Test
    void anInstanceOfAClosedRunnerIsAdoptedByTheNextOne() throws Exception {
        LocalInstanceRunner first = runner();
        RunningInstance started = first.start(DemoApp.spec("web-1"));
        first.close();

        RunningInstance adopted = runner().adopt(DemoApp.spec("web-1"), started.pid(), started.startedAt(), started.port()).orElseThrow();

        assertEquals(started.pid(), adopted.pid());
        assertEquals(200, DemoApp.get(adopted.port(), "/").statusCode());
        assertTrue(adopted.stop().stopRequested());
    }

    @Test
    void aPidNowHeldByAnotherProcessIsNotAdopted() throws Exception {
        int port = LoopbackPorts.free();
        ProcessHandle orphan = startOrphan(port);

        // The same pid with another start time is what a reused pid looks like.
        Optional<RunningInstance> adopted = runner().adopt(DemoApp.spec("web-1"), orphan.pid(), startOf(orphan).minusSeconds(60), port);

        assertEquals(Optional.empty(), adopted);
        assertTrue(ProcessLiveness.isRunning(orphan), "a process that is not the instance is left alone");
    }

    @Test
    void anEndedInstanceIsNotAdopted() throws Exception {
        int port = LoopbackPorts.free();
        ProcessHandle orphan = startOrphan(port);
        Instant startedAt = startOf(orphan);
        orphan.destroyForcibly();
        while (ProcessLiveness.isRunning(orphan)) {
            Thread.sleep(10);
        }

        assertEquals(Optional.empty(), runner().adopt(DemoApp.spec("web-1"), orphan.pid(), startedAt, port));
    }

    @Test
    void anInstanceThatDoesNotAnswerIsStoppedInsteadOfAdopted() throws Exception {
        int port = LoopbackPorts.free();
        ProcessHandle orphan = startOrphan(port);
        int wrongPort = LoopbackPorts.free();

        InstanceStartException error = assertThrows(InstanceStartException.class, () -> runner().adopt(
                DemoApp.spec("web-1").withReadyTimeout(java.time.Duration.ofSeconds(1)), orphan.pid(), startOf(orphan), wrongPort));

        assertTrue(error.getMessage().contains("was not ready within"), error.getMessage());
        assertFalse(ProcessLiveness.isRunning(orphan));
    }

    private LocalInstanceRunner runner() {
        LocalInstanceRunner runner = new LocalInstanceRunner(folder.resolve("logs"), exits::add);
        runners.add(runner);
        return runner;
    }

    /** Starts the demo app through a shell that exits at once, and waits until the app answers. */
    private ProcessHandle startOrphan(int port) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c",
                "PORT=$1; export PORT; shift; \"$@\" >> \"" + folder.resolve("orphan.log") + "\" 2>&1 < /dev/null & echo $!", "sh",
                Integer.toString(port)));
        command.addAll(DemoApp.command());
        Process shell = new ProcessBuilder(command).redirectErrorStream(true).start();
        long pid = Long.parseLong(new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        assertEquals(0, shell.waitFor());
        orphans.add(pid);
        ProcessHandle orphan = ProcessHandle.of(pid).orElseThrow();
        while (true) {
            try {
                if (DemoApp.get(port, "/healthz").statusCode() == 200) {
                    return orphan;
                }
            } catch (java.io.IOException notYet) {
                assertTrue(ProcessLiveness.isRunning(orphan), "the orphan died while starting");
                Thread.sleep(50);
            }
        }
    }

    private static Instant startOf(ProcessHandle process) {
        return process.info().startInstant().orElseThrow();
    }
}
