package io.opsplane.deploy.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a process still runs, and finding one again by pid and start time. A pid alone is not an
 * identity: after the process ends the kernel may give it to another one. And a process that is
 * not our child stays a zombie until its own parent (often init) reaps it; {@link ProcessHandle#isAlive}
 * counts a zombie as alive, this class does not.
 */
public final class ProcessLiveness {

    private ProcessLiveness() {
    }

    public static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** The process with this pid, if it runs and started at {@code startedAt}; else it ended. */
    public static Optional<ProcessHandle> find(long pid, Instant startedAt) {
        return ProcessHandle.of(pid)
                .filter(ProcessLiveness::isRunning)
                .filter(process -> process.info().startInstant().map(startedAt::equals).orElse(false));
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold ") ".
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | IndexOutOfBoundsException e) {
            return true;
        }
    }
}
