package io.opsplane.deploy.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stops a child process and everything it started, as a process-group kill would: SIGTERM to all of
 * them at once (a shell wrapper does not pass it on), then SIGKILL to whatever still runs after the
 * grace period. The descendants are listed before any signal, while they are still children of the
 * tree; once their parent dies they are re-parented and could no longer be found.
 */
public final class ProcessStopper {

    private static final long POLL_MILLIS = 10;

    private ProcessStopper() {
    }

    /** @return true when SIGKILL was needed */
    public static boolean stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.forEach(ProcessHandle::destroy);
        if (awaitAll(tree, grace)) {
            return false;
        }
        tree.stream().filter(ProcessLiveness::isRunning).forEach(ProcessHandle::destroyForcibly);
        // SIGKILL cannot be ignored; the wait only lets the exit be observed before returning.
        awaitAll(tree, Duration.ofSeconds(10));
        return true;
    }

    /** Polls rather than waiting on {@code onExit()}: a reaped-late zombie must count as ended. */
    private static boolean awaitAll(List<ProcessHandle> processes, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (processes.stream().anyMatch(ProcessLiveness::isRunning)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
