-- Job artifacts: one archive per attempt that uploaded one; the bytes are in the artifact store, by SHA-256
-- (several rows may share a blob). expires_at NULL: kept for ever (expire_in: never).
CREATE TABLE job_artifact (
    attempt_id  UUID         PRIMARY KEY REFERENCES job_attempt (id),
    run_id      UUID         NOT NULL REFERENCES pipeline_run (id),
    job_name    VARCHAR(255) NOT NULL,
    attempt     INTEGER      NOT NULL,
    name        VARCHAR(255) NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    size_bytes  BIGINT       NOT NULL,
    file_count  INTEGER      NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ
);
CREATE INDEX job_artifact_by_job ON job_artifact (run_id, job_name, created_at DESC);
CREATE INDEX job_artifact_expiry ON job_artifact (expires_at) WHERE expires_at IS NOT NULL;
CREATE INDEX job_artifact_by_blob ON job_artifact (sha256);
