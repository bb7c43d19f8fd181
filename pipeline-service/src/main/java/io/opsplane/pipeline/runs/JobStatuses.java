package io.opsplane.pipeline.runs;

import java.util.Set;

/** GitLab's job and run status names, as stored and shown. */
final class JobStatuses {

    static final String CREATED = "created";
    static final String WAITING_FOR_RESOURCE = "waiting_for_resource";
    static final String SCHEDULED = "scheduled";
    static final String MANUAL = "manual";
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String SUCCESS = "success";
    static final String FAILED = "failed";
    static final String CANCELED = "canceled";
    static final String SKIPPED = "skipped";

    static final Set<String> FINISHED = Set.of(SUCCESS, FAILED, CANCELED, SKIPPED);

    private JobStatuses() {
    }

    static boolean isFinished(String status) {
        return FINISHED.contains(status);
    }
}
