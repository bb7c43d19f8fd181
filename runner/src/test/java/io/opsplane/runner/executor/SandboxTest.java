package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a job in the sandbox can reach: its workspace and a private /tmp writable, the system read-only. */
class SandboxTest {

    @TempDir
    Path workspace;
    @TempDir
    Path scratch;

    private JobExecutor sandbox;

    @BeforeEach
    void sandbox() {
        sandbox = TestExecutors.named(SandboxExecutor.NAME, scratch);
    }

    @Test
    void writesOnlyInsideTheWorkspaceAndItsPrivateTmp() throws Exception {
        String marker = Jobs.marker();
        List<String> outside = List.of("/etc/x-" + marker, "/usr/x-" + marker, "/root/x-" + marker,
                "/work/x-" + marker, "/x-" + marker, scratch.resolve("x-" + marker).toString());
        String attempts = outside.stream()
                .map(path -> "touch " + path + " 2>/dev/null && echo WROTE " + path + " || true")
                .collect(Collectors.joining("\n"));
        Jobs.Finished job = Jobs.run(sandbox, Jobs.job(workspace, attempts, "touch inside",
                "touch /tmp/tmp-" + marker, "ls -A / > top-level").build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertFalse(job.log().contains("\nWROTE"), job.log());
        for (String path : outside) {
            assertFalse(Files.exists(Path.of(path)), path);
        }
        assertTrue(Files.exists(workspace.resolve("inside")));
        assertFalse(Files.exists(Path.of("/tmp/tmp-" + marker)), "/tmp is the sandbox's own");
        Set<String> topLevel = new HashSet<>(Arrays.asList(Files.readString(workspace.resolve("top-level")).split("\n")));
        topLevel.removeAll(List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32", "usr", "etc", "proc", "dev",
                "tmp", "opsplane", workspace.getName(0).toString()));
        assertEquals(Set.of(), topLevel, "the sandbox shows only system directories, its files and the workspace");
    }

    @Test
    void hasNoCapabilitiesAndCannotRemount() throws Exception {
        Jobs.Finished job = Jobs.run(sandbox, Jobs.job(workspace,
                "grep -E '^Cap(Eff|Prm|Amb):' /proc/self/status",
                "mount -o remount,rw / && echo REMOUNTED-ROOT || true",
                "mount -o remount,rw /usr && echo REMOUNTED-USR || true",
                "mount -t tmpfs none /tmp && echo MOUNTED || true").build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertTrue(job.log().contains("CapEff:\t0000000000000000"), job.log());
        assertTrue(job.log().contains("CapPrm:\t0000000000000000"), job.log());
        assertFalse(job.log().contains("\nREMOUNTED"), job.log());
        assertFalse(job.log().contains("\nMOUNTED"), job.log());
    }

    @Test
    void filesOtherUsersMayNotReadAreEmptyInside() throws Exception {
        Path shadow = Path.of("/etc/shadow");
        assumeTrue(Files.exists(shadow) && !Files.getPosixFilePermissions(shadow).contains(PosixFilePermission.OTHERS_READ),
                "needs a non-world-readable /etc/shadow");
        Jobs.Finished job = Jobs.run(sandbox, Jobs.job(workspace, "wc -c < /etc/shadow", "grep -c . /etc/passwd").build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        assertTrue(job.log().contains("\n0\n"), "shadow reads empty: " + job.log());
    }

    @Test
    void withoutNetworkNothingIsReachableWithNetworkTheHostIs() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String connect = "exec 3<>/dev/tcp/127.0.0.1/" + listener.getLocalPort();

            Jobs.Finished offline = Jobs.run(sandbox, Jobs.job(workspace, connect).network(false).build());
            Jobs.Finished online = Jobs.run(sandbox, Jobs.job(workspace, connect).network(true).build());

            assertEquals(Outcome.FAILED, offline.result().outcome(), offline.log());
            assertTrue(offline.log().contains("Connection refused"), offline.log());
            assertEquals(Outcome.SUCCESS, online.result().outcome(), online.log());
        }
    }

    @Test
    void seesOnlyItsOwnProcesses() throws Exception {
        Jobs.Finished job = Jobs.run(sandbox, Jobs.job(workspace, "ls -d /proc/[0-9]* | wc -l").build());

        assertEquals(Outcome.SUCCESS, job.result().outcome(), job.log());
        int processes = Integer.parseInt(job.log().lines().filter(line -> line.matches("\\d+")).findFirst().orElseThrow());
        assertTrue(processes < 10, "bwrap's init, init.sh, bash, ls, wc and little else: " + processes);
    }
}
