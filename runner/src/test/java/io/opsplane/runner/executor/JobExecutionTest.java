package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobExecutionTest {

    private static final Path WORKSPACE = Path.of("/builds/job");

    @Test
    void defaultsAreGitLabs() {
        JobExecution execution = JobExecution.builder("1", WORKSPACE).script("true").build();

        assertEquals(Duration.ofHours(1), execution.timeout());
        assertEquals(Duration.ofMinutes(5), execution.afterScriptTimeout());
        assertEquals(16L * 1024 * 1024, execution.limits().maxLogBytes());
    }

    @Test
    void refusesWhatCannotReachAProcessIntact() {
        assertThrows(IllegalArgumentException.class,
                () -> JobExecution.builder("1", WORKSPACE).variables(Map.of("A=B", "x")).build());
        assertThrows(IllegalArgumentException.class,
                () -> JobExecution.builder("1", WORKSPACE).variables(Map.of("1A", "x")).build());
        assertThrows(IllegalArgumentException.class,
                () -> JobExecution.builder("1", WORKSPACE).variables(Map.of("A", "x\0y")).build());
        assertThrows(IllegalArgumentException.class,
                () -> JobExecution.builder("1", WORKSPACE).script("echo \0").build());
        assertThrows(IllegalArgumentException.class, () -> JobExecution.builder("1", Path.of("relative")).build());
        assertThrows(IllegalArgumentException.class,
                () -> JobExecution.builder("1", WORKSPACE).timeout(Duration.ZERO).build());
    }
}
