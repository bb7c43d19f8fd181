package io.opsplane.deploy.traffic.haproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.traffic.HaproxyCommands;
import io.opsplane.deploy.process.LoopbackPorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How starting and driving a real HAProxy fails: each time with a message that says why. */
class HaproxyProcessFailureTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path state;

    @Test
    void aMissingBinaryNamesTheDebianPackage(@TempDir Path emptyFolder) {
        HaproxyNotInstalledException error = assertThrows(HaproxyNotInstalledException.class,
                () -> HaproxyExecutable.locateIn(List.of(emptyFolder)));
        assertTrue(error.getMessage().contains("Debian package haproxy"), error.getMessage());
        assertTrue(error.getMessage().contains(emptyFolder.toString()), error.getMessage());
    }

    @Test
    void aPortInUseFailsTheStartWithHaproxysOwnReason() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HaproxyStartException error = assertThrows(HaproxyStartException.class, () -> HaproxyProcess.start(
                    HaproxyExecutable.locate(), state, List.of(new HaproxyRoute("web", taken.getLocalPort())), START_TIMEOUT));

            assertTrue(error.getMessage().startsWith("haproxy exited with code"), error.getMessage());
            assertTrue(error.getMessage().contains("cannot bind socket"), error.getMessage());
        }
    }

    @Test
    void aSecondHaproxyOnTheSameStateFolderIsRefused() {
        try (HaproxyProcess first = HaproxyProcess.start(HaproxyExecutable.locate(), state,
                List.of(new HaproxyRoute("web", LoopbackPorts.free())), START_TIMEOUT)) {
            HaproxyStartException error = assertThrows(HaproxyStartException.class, () -> HaproxyProcess.start(
                    HaproxyExecutable.locate(), state, List.of(new HaproxyRoute("web", LoopbackPorts.free())), START_TIMEOUT));

            assertTrue(error.getMessage().contains("already answers"), error.getMessage());
            assertTrue(first.isAlive());
        }
    }

    @Test
    void aRefusedCommandCarriesHaproxysAnswerAndWhatWasAppliedBeforeIt() {
        try (HaproxyProcess haproxy = HaproxyProcess.start(HaproxyExecutable.locate(), state,
                List.of(new HaproxyRoute("web", LoopbackPorts.free())), START_TIMEOUT)) {
            String add = HaproxyCommands.addServer("web", "stable-0", "127.0.0.1", 8080, 10);
            String unknown = HaproxyCommands.setWeight("web", "nobody", 5);

            HaproxyCommandException error = assertThrows(HaproxyCommandException.class,
                    () -> haproxy.runtimeApi().apply(List.of(add, unknown, HaproxyCommands.setWeight("web", "stable-0", 1))));

            assertEquals(unknown, error.command());
            assertEquals("No such server.", error.answer().strip());
            assertEquals(List.of(add), error.applied());
            assertEquals(10, haproxy.runtimeApi().serversState("web").get(0).weight(), "the command after the refused one was not sent");
        }
    }

    @Test
    void aBackendHaproxyDoesNotKnowIsReportedNotMistakenForAnEmptyOne() {
        try (HaproxyProcess haproxy = HaproxyProcess.start(HaproxyExecutable.locate(), state,
                List.of(new HaproxyRoute("web", LoopbackPorts.free())), START_TIMEOUT)) {
            RuntimeException error = assertThrows(RuntimeException.class, () -> haproxy.runtimeApi().serversState("shop"));
            assertTrue(error.getMessage().contains("line 1"), error.getMessage());
        }
    }
}
