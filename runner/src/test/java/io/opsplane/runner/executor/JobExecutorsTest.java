package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobExecutorsTest {

    @TempDir
    Path scratch;

    @Test
    void autoTakesTheSandboxWhereItWorks() {
        assumeTrue(new SandboxExecutor(scratch).available(), "the sandbox is not available here");

        assertEquals(SandboxExecutor.NAME, JobExecutors.select(null, scratch).name());
        assertEquals(SandboxExecutor.NAME, JobExecutors.select(" ", scratch).name());
        assertEquals(SandboxExecutor.NAME, JobExecutors.select(JobExecutors.AUTO, scratch).name());
    }

    @Test
    void aNamedExecutorIsTakenAsNamed() {
        assumeTrue(new ShellExecutor(scratch).available(), "the shell executor is not available here");

        assertEquals(ShellExecutor.NAME, JobExecutors.select("shell", scratch).name());
    }

    @Test
    void anUnknownNameIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobExecutors.select("docker", scratch));
    }
}
