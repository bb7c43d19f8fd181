package io.opsplane.runner.executor;

/** The failure reasons an {@link ExecutionResult} carries, spelled as GitLab spells them. */
public final class FailureReasons {

    public static final String SCRIPT_FAILURE = "script_failure";
    public static final String JOB_EXECUTION_TIMEOUT = "job_execution_timeout";
    public static final String RUNNER_SYSTEM_FAILURE = "runner_system_failure";

    private FailureReasons() {
    }
}
