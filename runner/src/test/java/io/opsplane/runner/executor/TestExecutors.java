package io.opsplane.runner.executor;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** The executors the tests run, by name. */
final class TestExecutors {

    private TestExecutors() {
    }

    /** The sandbox is skipped only where bwrap is not installed; installed but unusable fails the test. */
    static JobExecutor named(String name, Path scratchRoot) {
        JobExecutor executor = switch (name) {
            case ShellExecutor.NAME -> new ShellExecutor(scratchRoot);
            case SandboxExecutor.NAME -> {
                assumeTrue(SystemTools.find("bwrap").isPresent(), "bwrap is not installed");
                yield new SandboxExecutor(scratchRoot);
            }
            default -> throw new IllegalArgumentException(name);
        };
        assertTrue(executor.available(), name + " executor is not available on this machine");
        return executor;
    }
}
