-- Git sources of pipelines, the webhook deliveries seen (each starts at most one run), and what polling saw.
CREATE TABLE pipeline_source (
    pipeline_id        BIGINT        PRIMARY KEY REFERENCES pipeline (id),
    repository_url     VARCHAR(2048) NOT NULL,
    branches           TEXT          NOT NULL DEFAULT '', -- one glob pattern per line
    tags               TEXT          NOT NULL DEFAULT '', -- one glob pattern per line
    credentials_secret VARCHAR(255)  NOT NULL DEFAULT '',
    webhook_secret     VARCHAR(255)  NOT NULL DEFAULT 'WEBHOOK_SECRET',
    poll_interval_seconds INTEGER    NOT NULL DEFAULT 0,
    next_poll_at       TIMESTAMPTZ,
    updated_at         TIMESTAMPTZ   NOT NULL,
    updated_by         VARCHAR(128)  NOT NULL
);
CREATE INDEX pipeline_source_due ON pipeline_source (next_poll_at) WHERE poll_interval_seconds > 0;

CREATE TABLE webhook_delivery (
    pipeline_id  BIGINT       NOT NULL REFERENCES pipeline (id),
    provider     VARCHAR(16)  NOT NULL,
    delivery_id  VARCHAR(128) NOT NULL,
    received_at  TIMESTAMPTZ  NOT NULL,
    run_id       UUID,
    PRIMARY KEY (pipeline_id, provider, delivery_id)
);

-- The last commit polling saw on each ref of a source.
CREATE TABLE source_ref (
    pipeline_id  BIGINT       NOT NULL REFERENCES pipeline (id),
    ref          VARCHAR(255) NOT NULL,
    commit_sha   VARCHAR(64)  NOT NULL,
    seen_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (pipeline_id, ref)
);
