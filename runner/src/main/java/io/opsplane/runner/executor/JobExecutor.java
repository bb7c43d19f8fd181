package io.opsplane.runner.executor;

import java.io.IOException;

/** Runs a job's scripts on this machine; one implementation per way of confining them. */
public interface JobExecutor {

    /** The name a runner's configuration uses for this executor, e.g. "shell" or "sandbox". */
    String name();

    /** Whether this machine can run jobs with this executor (tools installed, namespaces permitted). */
    boolean available();

    /**
     * Starts the job and returns at once; the result completes when the job has ended and none of its
     * processes is left. The workspace must exist: checking out sources is not the executor's part.
     *
     * @throws IOException when the job cannot be prepared (workspace missing, scripts not writable)
     * @throws IllegalStateException when this executor is not {@link #available()}
     */
    RunningJob start(JobExecution execution, LogSink log) throws IOException;
}
