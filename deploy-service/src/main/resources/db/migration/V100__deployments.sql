-- Applications, environments, releases, rollouts with their analysis runs and measurements, and instances.

CREATE TABLE application (
    name                 VARCHAR(30)   PRIMARY KEY,
    artifact_path        VARCHAR(1024) NOT NULL,
    start_command        TEXT          NOT NULL, -- JSON array of strings
    port                 INTEGER       NOT NULL DEFAULT 0,
    health_check_path    VARCHAR(256)  NOT NULL,
    default_strategy     TEXT          NOT NULL, -- the proto JSON of opsplane.deploy.v1.Strategy
    configuration_schema TEXT          NOT NULL DEFAULT '',
    created_at           TIMESTAMPTZ   NOT NULL,
    created_by           VARCHAR(128)  NOT NULL
);

CREATE TABLE environment (
    name             VARCHAR(20)  PRIMARY KEY,
    target           VARCHAR(16)  NOT NULL,
    protected        BOOLEAN      NOT NULL,
    router_kind      VARCHAR(16)  NOT NULL,
    port_range_start INTEGER      NOT NULL,
    port_range_end   INTEGER      NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    created_by       VARCHAR(128) NOT NULL,
    CHECK (port_range_start <= port_range_end)
);

-- An application in an environment: its router frontend, its replicas and the release serving there. The row
-- is locked by every change of the pair, so two rollouts or scale changes take turns.
CREATE TABLE deployment_target (
    id                 BIGSERIAL    PRIMARY KEY,
    application        VARCHAR(30)  NOT NULL REFERENCES application (name),
    environment        VARCHAR(20)  NOT NULL REFERENCES environment (name),
    listen_port        INTEGER      NOT NULL UNIQUE,
    replicas           INTEGER      NOT NULL CHECK (replicas BETWEEN 0 AND 1000),
    min_replicas       INTEGER      NOT NULL DEFAULT 0,
    max_replicas       INTEGER      NOT NULL DEFAULT 1000,
    stable_release_id  UUID,
    next_instance_no   INTEGER      NOT NULL DEFAULT 0,
    UNIQUE (application, environment)
);

CREATE TABLE release (
    id                    UUID         PRIMARY KEY,
    application           VARCHAR(30)  NOT NULL REFERENCES application (name),
    version               VARCHAR(64)  NOT NULL,
    configuration_version INTEGER      NOT NULL DEFAULT 0,
    commit_sha            VARCHAR(64)  NOT NULL DEFAULT '',
    pipeline_run_id       VARCHAR(64)  NOT NULL DEFAULT '',
    bad                   BOOLEAN      NOT NULL DEFAULT FALSE,
    bad_reason            TEXT         NOT NULL DEFAULT '',
    created_at            TIMESTAMPTZ  NOT NULL,
    UNIQUE (application, version, configuration_version)
);

CREATE TABLE rollout (
    id                     UUID         PRIMARY KEY,
    target_id              BIGINT       NOT NULL REFERENCES deployment_target (id),
    application            VARCHAR(30)  NOT NULL,
    environment            VARCHAR(20)  NOT NULL,
    release_id             UUID         NOT NULL REFERENCES release (id),
    previous_release_id    UUID         REFERENCES release (id),
    strategy               TEXT         NOT NULL, -- proto JSON of opsplane.deploy.v1.Strategy
    analysis_templates     TEXT         NOT NULL, -- proto JSON array of opsplane.deploy.v1.AnalysisTemplate
    analysis_args          TEXT         NOT NULL, -- JSON object
    replicas               INTEGER      NOT NULL,
    progress_deadline_ms   BIGINT       NOT NULL,
    -- RolloutStatus, as RolloutEngine last decided it.
    phase                  VARCHAR(24)  NOT NULL,
    current_step           INTEGER      NOT NULL,
    weight_stable          INTEGER      NOT NULL CHECK (weight_stable BETWEEN 0 AND 100),
    weight_canary          INTEGER      NOT NULL CHECK (weight_canary BETWEEN 0 AND 100),
    reason                 TEXT         NOT NULL,
    attempt                INTEGER      NOT NULL,
    step_started_at        TIMESTAMPTZ  NOT NULL,
    last_progress_at       TIMESTAMPTZ  NOT NULL,
    analysis_phases        TEXT         NOT NULL, -- JSON object: run name -> phase
    pending_scale_down     VARCHAR(8),
    scale_down_not_before  TIMESTAMPTZ,
    next_reconcile_at      TIMESTAMPTZ,
    requires_approval      BOOLEAN      NOT NULL DEFAULT FALSE,
    approved_by            VARCHAR(128) NOT NULL DEFAULT '',
    created_by             VARCHAR(128) NOT NULL,
    created_at             TIMESTAMPTZ  NOT NULL,
    updated_at             TIMESTAMPTZ  NOT NULL,
    correlation_id         VARCHAR(128) NOT NULL DEFAULT ''
);
-- One active rollout per application and environment.
CREATE UNIQUE INDEX rollout_one_active ON rollout (target_id)
    WHERE phase IN ('AWAITING_APPROVAL', 'PENDING', 'PROGRESSING', 'PAUSED');
CREATE INDEX rollout_of_target ON rollout (target_id, created_at DESC);

CREATE TABLE analysis_run (
    rollout_id  UUID         NOT NULL REFERENCES rollout (id),
    name        VARCHAR(128) NOT NULL,
    template    VARCHAR(128) NOT NULL,
    queries     TEXT         NOT NULL, -- JSON object: metric -> resolved query
    phase       VARCHAR(16)  NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    stopped     BOOLEAN      NOT NULL DEFAULT FALSE,
    completed_at TIMESTAMPTZ,
    PRIMARY KEY (rollout_id, name)
);

CREATE TABLE measurement (
    id          BIGSERIAL    PRIMARY KEY,
    rollout_id  UUID         NOT NULL,
    run_name    VARCHAR(128) NOT NULL,
    metric      VARCHAR(64)  NOT NULL,
    taken_at    TIMESTAMPTZ  NOT NULL,
    is_list     BOOLEAN      NOT NULL DEFAULT FALSE,
    value_list  TEXT         NOT NULL DEFAULT '', -- JSON array of numbers; empty with an error
    error       TEXT         NOT NULL DEFAULT '',
    FOREIGN KEY (rollout_id, run_name) REFERENCES analysis_run (rollout_id, name)
);
CREATE INDEX measurement_of_run ON measurement (rollout_id, run_name, taken_at);

-- Instances the target should run (desired = RUN) or stop (desired = STOP); pid and start time identify the
-- process so a restarted deploy-service adopts it instead of starting another.
CREATE TABLE instance (
    name               VARCHAR(64)  PRIMARY KEY,
    target_id          BIGINT       NOT NULL REFERENCES deployment_target (id),
    release_id         UUID         NOT NULL REFERENCES release (id),
    track              VARCHAR(8)   NOT NULL,
    desired            VARCHAR(8)   NOT NULL,
    pid                BIGINT,
    process_started_at TIMESTAMPTZ,
    port               INTEGER,
    health             VARCHAR(16)  NOT NULL,
    restarts           INTEGER      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX instance_of_target ON instance (target_id) WHERE desired <> 'GONE';
