package io.opsplane.runner.executor;

import java.util.concurrent.CompletableFuture;

/** A started job. */
public interface RunningJob {

    /**
     * Stops the job: its processes get SIGTERM, then SIGKILL once the grace period has passed.
     * after_script does not run after a cancel. Does nothing once the job has ended.
     */
    void cancel();

    /** Completes once the job has ended and no process of it is left; never completes exceptionally. */
    CompletableFuture<ExecutionResult> result();
}
