package io.opsplane.deploy.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops a child process and everything it started, as a process-group kill would: SIGTERM to all of
 * them at once (a shell wrapper does not pass it on), then SIGKILL to whatever still runs after the
 * grace period. The descendants are listed before any signal, while they are still children of the
 * tree; once their parent dies they are re-parented and could no longer be found.
 */
public final class ProcessStopper {

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
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        // SIGKILL cannot be ignored; the wait only lets the exit be observed before returning.
        awaitAll(tree, Duration.ofSeconds(10));
        return true;
    }

    private static boolean awaitAll(List<ProcessHandle> processes, Duration max) {
        CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for a process to end failed", e.getCause());
        }
    }
}
