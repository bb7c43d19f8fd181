package io.opsplane.pipeline.scheduling;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Why a job failed, with GitLab's names. */
public enum FailureReason {
    UNKNOWN_FAILURE,
    SCRIPT_FAILURE,
    API_FAILURE,
    STUCK_OR_TIMEOUT_FAILURE,
    RUNNER_SYSTEM_FAILURE,
    RUNNER_UNSUPPORTED,
    STALE_SCHEDULE,
    JOB_EXECUTION_TIMEOUT,
    ARCHIVED_FAILURE,
    UNMET_PREREQUISITES,
    SCHEDULER_FAILURE,
    DATA_INTEGRITY_FAILURE,
    // GitLab never retries the following automatically, and retry:when cannot name them
    CI_QUOTA_EXCEEDED,
    NO_MATCHING_RUNNER,
    MISSING_DEPENDENCY_FAILURE,
    FORWARD_DEPLOYMENT_FAILURE,
    ENVIRONMENT_CREATION_FAILURE;

    /** The name used in {@code retry:when} and in job records. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whatever {@code retry} says: retrying cannot help (no quota, no runner, a rejected deployment…). */
    public boolean isNeverRetried() {
        return ordinal() >= CI_QUOTA_EXCEEDED.ordinal();
    }

    public static Optional<FailureReason> fromYamlName(String name) {
        return Arrays.stream(values()).filter(reason -> reason.yamlName().equals(name)).findFirst();
    }
}
