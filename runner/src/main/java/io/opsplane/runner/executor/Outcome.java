package io.opsplane.runner.executor;

/** How a job ended. */
public enum Outcome {
    /** The script exited with 0. */
    SUCCESS,
    /** The script exited with another code. */
    FAILED,
    /** The script ran longer than the job's timeout and was stopped. */
    TIMED_OUT,
    /** The job was canceled. */
    CANCELED,
    /** The runner could not run the script (launch failed, sandbox did not start). */
    SYSTEM_FAILURE
}
