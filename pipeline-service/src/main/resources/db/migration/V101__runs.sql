-- Runs of pipeline versions: each run holds its planned jobs; each job its attempts; each attempt its log.
-- The queue is job_attempt rows in status 'pending', claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE pipeline_run (
    id             UUID         PRIMARY KEY,
    pipeline_id    BIGINT       NOT NULL REFERENCES pipeline (id),
    pipeline_name  VARCHAR(63)  NOT NULL,
    version        INTEGER      NOT NULL,
    status         VARCHAR(24)  NOT NULL,
    trigger_kind   VARCHAR(24)  NOT NULL,
    ref            VARCHAR(255) NOT NULL,
    commit_sha     VARCHAR(64)  NOT NULL,
    triggered_by   VARCHAR(128) NOT NULL,
    correlation_id VARCHAR(128) NOT NULL,
    traceparent    VARCHAR(64),
    stages         TEXT         NOT NULL, -- one stage name per line
    warnings       TEXT         NOT NULL, -- one notice per line
    parent_run_id  UUID,
    created_at     TIMESTAMPTZ  NOT NULL,
    started_at     TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ
);
CREATE INDEX pipeline_run_by_pipeline ON pipeline_run (pipeline_id, created_at DESC, id);

CREATE TABLE run_job (
    id               BIGSERIAL    PRIMARY KEY,
    run_id           UUID         NOT NULL REFERENCES pipeline_run (id),
    position         INTEGER      NOT NULL,
    name             VARCHAR(255) NOT NULL,
    stage            VARCHAR(255) NOT NULL,
    stage_index      INTEGER      NOT NULL,
    status           VARCHAR(24)  NOT NULL,
    run_when         VARCHAR(16)  NOT NULL,
    start_in_seconds BIGINT       NOT NULL DEFAULT 0,
    allow_failure    BOOLEAN      NOT NULL,
    allow_exit_codes VARCHAR(255) NOT NULL DEFAULT '',
    -- One need per line, "<artifacts 0|1><TAB><job>"; NULL: classic stage ordering.
    needs            TEXT,
    resource_group   VARCHAR(255),
    retry_max        INTEGER      NOT NULL DEFAULT 0,
    retry_when       VARCHAR(512) NOT NULL DEFAULT 'always',
    retry_exit_codes VARCHAR(255) NOT NULL DEFAULT '',
    tags             VARCHAR(1024) NOT NULL DEFAULT '',
    -- The JobAssignment (proto JSON) without attempt, lease and commit: what a runner needs to run it.
    payload          TEXT         NOT NULL,
    -- Secrets the job's variables take, one per line "<variable><TAB><secret name>", at scope pipeline:<name>.
    secrets          TEXT         NOT NULL DEFAULT '',
    failure_allowed  BOOLEAN      NOT NULL DEFAULT FALSE,
    due_at           TIMESTAMPTZ,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    environment_name   VARCHAR(255),
    environment_url    VARCHAR(2048),
    environment_action VARCHAR(16),
    UNIQUE (run_id, name)
);

CREATE SEQUENCE job_fencing_token;

CREATE TABLE job_attempt (
    id               UUID         PRIMARY KEY,
    job_id           BIGINT       NOT NULL REFERENCES run_job (id),
    run_id           UUID         NOT NULL REFERENCES pipeline_run (id),
    number           INTEGER      NOT NULL,
    status           VARCHAR(24)  NOT NULL,
    -- Comma-separated, sorted; empty for an untagged job.
    tags             VARCHAR(1024) NOT NULL DEFAULT '',
    runner_id        UUID,
    fencing_token    BIGINT,
    lease_expires_at TIMESTAMPTZ,
    cancel_requested BOOLEAN      NOT NULL DEFAULT FALSE,
    queued_at        TIMESTAMPTZ  NOT NULL,
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ,
    exit_code        INTEGER,
    failure_reason   VARCHAR(64),
    log_bytes        BIGINT       NOT NULL DEFAULT 0,
    log_truncated    BOOLEAN      NOT NULL DEFAULT FALSE,
    -- First in, first out: the order in which attempts were queued (jobs of one decision in definition order).
    queue_seq        BIGSERIAL    NOT NULL,
    UNIQUE (job_id, number)
);
CREATE INDEX job_attempt_queue ON job_attempt (queue_seq) WHERE status = 'pending';
CREATE INDEX job_attempt_leases ON job_attempt (lease_expires_at) WHERE status = 'running';
CREATE INDEX job_attempt_by_run ON job_attempt (run_id);

CREATE TABLE job_log_chunk (
    attempt_id  UUID    NOT NULL REFERENCES job_attempt (id),
    byte_offset BIGINT  NOT NULL,
    data        BYTEA   NOT NULL,
    PRIMARY KEY (attempt_id, byte_offset)
);

CREATE TABLE runner (
    id            UUID         PRIMARY KEY,
    name          VARCHAR(128) NOT NULL UNIQUE,
    tags          VARCHAR(1024) NOT NULL DEFAULT '',
    run_untagged  BOOLEAN      NOT NULL,
    executor      VARCHAR(32)  NOT NULL,
    version       VARCHAR(64)  NOT NULL,
    concurrency   INTEGER      NOT NULL,
    paused        BOOLEAN      NOT NULL DEFAULT FALSE,
    registered_by VARCHAR(128) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    last_seen_at  TIMESTAMPTZ  NOT NULL
);
